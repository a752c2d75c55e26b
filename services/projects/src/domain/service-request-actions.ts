import { conflict, ziboRegionCode } from '@vg/standards';
import { badUserInput, forbidden, hasRole, idArgument, mobilePhone, notFound, optionalText, requireRole, requiredText } from '@vg/graphql';
import type { ServiceRequestChanges, ServiceRequestGuard } from '../data/service-request.repository';
import type { ServiceRequest, ServiceRequestView } from '../data/service-request.entity';
import type { ProjectsContext } from '../context';
import type { Repositories } from '../data/repositories';
import type { CompleteServiceRequestInput, OrderServiceInput } from '../generated/graphql';
import { acceptedAt, completionRecord, type CompletionRecord } from './completion-record';
import { actingVolunteerId, isResident, markResidentProven, trackingCodeMatches, viewerTeamIds } from './service-request-access';
import { fundingAmount, newTrackingCode, rating } from './service-request-input';
import { nextStatus, SERVICE_REQUEST_TRANSITIONS, type ServiceRequestAction, type ServiceRequestParty } from './service-request-state-machine';

const NOTE_MAX = 500;

/**
 * 点单: a resident orders a service. Signed in, they are known by their token subject (a phone is
 * optional); anonymous, they must leave a phone, and receive a tracking code — in this response
 * only; just its keyed hash is stored — to rate or cancel later. The ORDERED step is recorded.
 */
export async function orderService(ctx: ProjectsContext, input: OrderServiceInput): Promise<ServiceRequestView> {
  const { viewer, contact } = ctx;
  const title = requiredText('input.title', input.title, 100);
  const description = optionalText('input.description', input.description, 2000);
  const address = requiredText('input.address', input.address, 200);
  const regionCode = ziboRegionCode('input.regionCode', input.regionCode);
  const phone = input.contactPhone?.trim() ? mobilePhone('input.contactPhone', input.contactPhone) : null;
  if (!viewer.sub && !phone) throw badUserInput('input.contactPhone', 'is required when ordering without signing in: the centre calls back on it');
  const trackingCode = viewer.sub ? null : newTrackingCode();

  const created = await ctx.transaction(async (repos) => {
    const request = await repos.requests.insert({
      kind: input.kind ?? 'SERVICE',
      title,
      description,
      address,
      regionCode,
      requesterSub: viewer.sub,
      trackingCodeHash: trackingCode ? contact.trackingCodeHash(trackingCode) : null,
      contactPhoneEncrypted: phone ? contact.encryptPhone(phone) : null,
    });
    await repos.requests.addEvent({ requestId: request.id, fromStatus: null, toStatus: request.status, actor: viewer.sub, actorRole: 'RESIDENT', note: null });
    return request;
  });
  const view: ServiceRequestView = Object.assign(created, { trackingCode });
  markResidentProven(view);
  return view;
}

/** 派单: a CENTRE_DISPATCHER (or ADMIN, rescuing a stuck request) assigns an ORDERED request to a team (which must exist). */
export function dispatchServiceRequest(ctx: ProjectsContext, id: string, teamId: string, note?: string | null): Promise<ServiceRequest> {
  requireRole(ctx.viewer, 'dispatch service requests', 'CENTRE_DISPATCHER', 'ADMIN');
  return takeStep(ctx, idArgument('id', id), {
    action: 'DISPATCH',
    validate: async () => {
      const team = idArgument('teamId', teamId);
      if (!(await ctx.volunteers.team.load(team))) throw badUserInput('teamId', `unknown team ${team}`);
      return { note: optionalText('note', note, NOTE_MAX), changes: { teamId: team } };
    },
  });
}

/** 买单: a GOVERNMENT_FUNDER (or ADMIN, rescuing a stuck request) approves the funding of a DISPATCHED request. */
export function fundServiceRequest(ctx: ProjectsContext, id: string, amount: number, note?: string | null): Promise<ServiceRequest> {
  requireRole(ctx.viewer, 'fund service requests', 'GOVERNMENT_FUNDER', 'ADMIN');
  return takeStep(ctx, idArgument('id', id), {
    action: 'FUND',
    validate: async () => ({ note: optionalText('note', note, NOTE_MAX), changes: { fundingAmount: fundingAmount('amount', amount) } }),
  });
}

/** 接单: an active member of the assigned team accepts a FUNDED request; the first one wins. */
export function acceptServiceRequest(ctx: ProjectsContext, id: string): Promise<ServiceRequest> {
  const volunteerId = requireVolunteer(ctx, 'accept service requests');
  return takeStep(ctx, idArgument('id', id), { action: 'ACCEPT', validate: async () => ({ changes: { acceptedBy: volunteerId } }) });
}

/**
 * The volunteer who accepted a request marks it done; the hours they give become their service
 * record (see completion-record), written with the status change in one transaction.
 */
export function completeServiceRequest(ctx: ProjectsContext, id: string, input: CompleteServiceRequestInput): Promise<ServiceRequest> {
  const volunteerId = requireVolunteer(ctx, 'complete service requests');
  let record: CompletionRecord | undefined;
  return takeStep(ctx, idArgument('id', id), {
    action: 'COMPLETE',
    validate: async (request) => {
      const since = acceptedAt(await ctx.repos.requests.eventsOf([request.id])) ?? request.updatedAt;
      record = await completionRecord(ctx, request, volunteerId, input, since, new Date());
      return { note: record.note };
    },
    afterMove: (repos) => repos.records.insert(record!.record).then(() => undefined),
  });
}

/** 评单: the resident rates a COMPLETED request 1–5, once. */
export function rateServiceRequest(ctx: ProjectsContext, id: string, stars: number, comment?: string | null, trackingCode?: string | null): Promise<ServiceRequest> {
  requireResidentCredentials(ctx, 'rate a service request', trackingCode);
  return takeStep(ctx, idArgument('id', id), {
    action: 'RATE',
    trackingCode,
    validate: async () => {
      const changes = { rating: rating('rating', stars), ratingComment: optionalText('comment', comment, 1000) };
      // The comment is what the resident said when taking the step: the history keeps it as the note.
      return { changes, note: changes.ratingComment };
    },
  });
}

/** The resident, a CENTRE_DISPATCHER or ADMIN cancels a request no volunteer has accepted yet; the reason is kept. */
export function cancelServiceRequest(ctx: ProjectsContext, id: string, reason: string, trackingCode?: string | null): Promise<ServiceRequest> {
  if (!hasRole(ctx.viewer, 'CENTRE_DISPATCHER', 'ADMIN')) requireResidentCredentials(ctx, 'cancel a service request', trackingCode);
  return takeStep(ctx, idArgument('id', id), { action: 'CANCEL', trackingCode, validate: async () => ({ note: requiredText('reason', reason, NOTE_MAX) }) });
}

function requireVolunteer(ctx: ProjectsContext, action: string): string {
  const volunteerId = actingVolunteerId(ctx.viewer);
  if (!volunteerId) throw forbidden(`Only a VOLUNTEER signed in with their volunteer account may ${action}`);
  return volunteerId;
}

function requireResidentCredentials(ctx: ProjectsContext, action: string, trackingCode: string | null | undefined): void {
  if (!ctx.viewer.sub && !trackingCode?.trim()) throw forbidden(`Sign in, or give the tracking code you received when ordering, to ${action}`);
}

/** What a step writes besides the status: columns set with it and the history's note. */
interface StepInput {
  changes?: ServiceRequestChanges;
  note?: string | null;
}

interface Step {
  action: ServiceRequestAction;
  /** An anonymous resident's proof. */
  trackingCode?: string | null;
  /**
   * Reads and checks the step's arguments, once the viewer is known to be a party and the status
   * allows the step (role before input: nobody learns the rules of a step they may not take).
   */
  validate?: (request: ServiceRequest) => Promise<StepInput>;
  /** Further writes in the step's transaction, after the status moved (e.g. the service record). */
  afterMove?: (repos: Repositories, request: ServiceRequest) => Promise<void>;
}

const REFUSAL: Record<ServiceRequestAction, string> = {
  DISPATCH: 'Only a CENTRE_DISPATCHER or ADMIN may dispatch service request',
  FUND: 'Only a GOVERNMENT_FUNDER or ADMIN may fund service request',
  ACCEPT: 'Only an active member of the assigned team may accept service request',
  COMPLETE: 'Only the volunteer who accepted it may complete service request',
  RATE: 'Only the resident who ordered it (anonymous residents: with their tracking code) may rate service request',
  CANCEL: 'Only the resident who ordered it, a CENTRE_DISPATCHER or ADMIN may cancel service request',
};

/**
 * Takes one step of the loop. Order of refusals: NOT_FOUND; FORBIDDEN when the viewer is not a
 * party to the step; CONFLICT (ILLEGAL_TRANSITION) when the status does not allow it; then the
 * step's own checks. Whether a volunteer belongs to the assigned team, or is the accepting one,
 * cannot be decided before the request was dispatched or accepted: then the status decides
 * (CONFLICT). The write is a compare-and-set on the status read, with the history event, in one
 * transaction: of concurrent steps exactly one wins, the others get CONFLICT and write nothing.
 */
async function takeStep(ctx: ProjectsContext, id: string, step: Step): Promise<ServiceRequest> {
  const rule = SERVICE_REQUEST_TRANSITIONS[step.action];
  const [request] = await ctx.repos.requests.byIds([id]);
  if (!request) throw notFound('ServiceRequest', id);

  const { party, provenByCode } = await partyOf(ctx, request, step);
  const undecided = (rule.by.includes('TEAM_MEMBER') && !request.teamId) || (rule.by.includes('ACCEPTING_VOLUNTEER') && !request.acceptedBy);
  if (!party && !undecided) throw forbidden(`${REFUSAL[step.action]} ${id}`);
  const to = nextStatus(request.status, step.action);
  if (!to) throw illegalTransition(request, step.action);
  if (!party) throw forbidden(`${REFUSAL[step.action]} ${id}`);
  const input: StepInput = (await step.validate?.(request)) ?? {};

  const guard: ServiceRequestGuard = {};
  if (party === 'TEAM_MEMBER') guard.teamId = request.teamId!;
  if (party === 'ACCEPTING_VOLUNTEER') guard.acceptedBy = request.acceptedBy!;
  const moved = await ctx.transaction(async (repos) => {
    if (!(await repos.requests.transition(id, request.status, to, input.changes, guard))) {
      const [current] = await repos.requests.byIds([id]);
      if (current && current.status !== request.status) throw illegalTransition(current, step.action);
      throw conflict(`Service request ${id} changed while you were acting on it; reload it and try again`, 'CONCURRENT_CHANGE');
    }
    await repos.requests.addEvent({ requestId: id, fromStatus: request.status, toStatus: to, actor: ctx.viewer.sub, actorRole: party, note: input.note ?? null });
    const [updated] = await repos.requests.byIds([id]);
    await step.afterMove?.(repos, updated);
    return updated;
  });
  if (provenByCode) markResidentProven(moved);
  return moved;
}

/** The first party (in the rule's order) the viewer is for this step, if any. */
async function partyOf(ctx: ProjectsContext, request: ServiceRequest, step: Step): Promise<{ party: ServiceRequestParty | null; provenByCode: boolean }> {
  const { viewer } = ctx;
  const volunteerId = actingVolunteerId(viewer);
  for (const party of SERVICE_REQUEST_TRANSITIONS[step.action].by) {
    switch (party) {
      case 'CENTRE_DISPATCHER':
      case 'GOVERNMENT_FUNDER':
      case 'ADMIN':
        if (hasRole(viewer, party)) return { party, provenByCode: false };
        break;
      case 'RESIDENT':
        if (isResident(viewer, request)) return { party, provenByCode: false };
        if (await trackingCodeMatches(ctx, request.id, step.trackingCode)) return { party, provenByCode: true };
        break;
      case 'TEAM_MEMBER':
        if (volunteerId && request.teamId && (await viewerTeamIds(ctx)).includes(request.teamId)) return { party, provenByCode: false };
        break;
      case 'ACCEPTING_VOLUNTEER':
        if (volunteerId && request.acceptedBy === volunteerId) return { party, provenByCode: false };
        break;
    }
  }
  return { party: null, provenByCode: false };
}

function illegalTransition(request: ServiceRequest, action: ServiceRequestAction) {
  const rule = SERVICE_REQUEST_TRANSITIONS[action];
  return conflict(`Service request ${request.id} is ${request.status}: it cannot become ${rule.to} (${action.toLowerCase()} needs ${rule.from.join(' or ')})`, 'ILLEGAL_TRANSITION');
}
