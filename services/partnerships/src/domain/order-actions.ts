/*
 * The partnership order loop: 企业点单 → 联合会派单 → 社会组织接单 → scheduled → (delivered) → rated.
 * For the DELIVER step (delivery-actions.ts): load the order, call `checkOrderStep(ctx, order,
 * 'DELIVER')` from ./order-state-machine before reading the input (role before input), then in
 * `ctx.transaction(repos => …)` call `takeOrderStep(ctx, repos, order, 'DELIVER', { deliveredOn },
 * note)` (same file) — it re-checks, does the compare-and-set and the history — and write the
 * services with the same `repos`.
 */
import { localDate } from '@vg/config';
import { badUserInput, forbidden, hasRole, idArgument, notFound, optionalText, requireRole, requiredText } from '@vg/graphql';
import { ziboRegionCode } from '@vg/standards';
import type { PartnershipsContext } from '../context';
import type { OrderChanges } from '../data/order.repository';
import type { PartnershipOrder } from '../data/partnership-order.entity';
import type { OrderPartnershipServiceInput } from '../generated/graphql';
import { actingEnterpriseId, actingSocialOrganizationId } from './order-access';
import { checkOrderStep, takeOrderStep, type OrderStep } from './order-state-machine';

const NOTE_MAX = 500;
const DAY_MS = 86_400_000;

/** The date `days` after the YYYY-MM-DD `date`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The checked wanted dates: from today (China time) to a year ahead; to within 90 days of from. */
export function wantedDates(from: string, to: string, now: Date): { wantedFrom: string; wantedTo: string } {
  const today = localDate(now);
  if (from < today) throw badUserInput('input.wantedFrom', `must not be in the past (today is ${today})`);
  if (from > addDays(today, 365)) throw badUserInput('input.wantedFrom', 'must be at most a year ahead');
  if (to < from) throw badUserInput('input.wantedTo', 'must be on or after wantedFrom');
  if (to > addDays(from, 90)) throw badUserInput('input.wantedTo', 'must be within 90 days of wantedFrom');
  return { wantedFrom: from, wantedTo: to };
}

export function headcount(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 500) throw badUserInput('input.headcount', 'must be a whole number from 1 to 500');
  return value;
}

export function rating(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 5) throw badUserInput('rating', 'must be a whole number from 1 to 5');
  return value;
}

/** An ENTERPRISE account acting for its enterprise (`enterprise_id`): FORBIDDEN otherwise, before any input. */
function requireActingEnterprise(ctx: PartnershipsContext, action: string): void {
  requireRole(ctx.viewer, action, 'ENTERPRISE');
  if (!actingEnterpriseId(ctx.viewer)) throw forbidden(`Only an ENTERPRISE account acting for its enterprise (enterprise_id) may ${action}`);
}

/** A SOCIAL_ORGANIZATION account acting for its organisation (`social_organization_id`): FORBIDDEN otherwise, before any input. */
function requireActingOrganization(ctx: PartnershipsContext, action: string): void {
  requireRole(ctx.viewer, action, 'SOCIAL_ORGANIZATION');
  if (!actingSocialOrganizationId(ctx.viewer)) throw forbidden(`Only a SOCIAL_ORGANIZATION account acting for its organisation (social_organization_id) may ${action}`);
}

/** 企业点单: an ENTERPRISE orders a service for the enterprise its token acts for; the ORDER step is recorded. */
export async function orderPartnershipService(ctx: PartnershipsContext, input: OrderPartnershipServiceInput, now = new Date()): Promise<PartnershipOrder> {
  const enterpriseId = actingEnterpriseId(ctx.viewer);
  if (!enterpriseId) throw forbidden('Only an ENTERPRISE account acting for its enterprise (enterprise_id) may order partnership services');
  const enterprise = await ctx.loaders.enterprise.load(enterpriseId);
  if (!enterprise) throw forbidden(`The enterprise ${enterpriseId} of your token is not registered`);

  const title = requiredText('input.title', input.title, 100);
  const description = optionalText('input.description', input.description, 2000);
  const { wantedFrom, wantedTo } = wantedDates(input.wantedFrom, input.wantedTo, now);
  const count = headcount(input.headcount);
  const place = requiredText('input.place', input.place, 200);
  const regionCode = input.regionCode == null ? enterprise.regionCode : ziboRegionCode('input.regionCode', input.regionCode);

  return ctx.transaction(async (repos) => {
    const order = await repos.orders.insert({ enterpriseId, serviceType: input.serviceType, title, description, wantedFrom, wantedTo, headcount: count, place, regionCode });
    await repos.orders.addEvent({ orderId: order.id, fromStatus: null, toStatus: 'ORDERED', action: 'ORDER', actor: ctx.viewer.sub ?? 'anonymous', actorRole: 'ENTERPRISE', note: null });
    return order;
  });
}

/** 联合会派单: the centre (in scope) or ADMIN dispatches an ORDERED order to an organisation offering its service type. */
export function dispatchPartnershipOrder(ctx: PartnershipsContext, id: string, socialOrganizationId: string, note: string | null): Promise<PartnershipOrder> {
  requireRole(ctx.viewer, 'dispatch partnership orders', 'CENTRE_DISPATCHER', 'ADMIN');
  return step(ctx, id, 'DISPATCH', async (order) => {
    const organizationId = idArgument('socialOrganizationId', socialOrganizationId);
    const organization = await ctx.loaders.socialOrganization.load(organizationId);
    if (!organization) throw badUserInput('socialOrganizationId', `no social organisation has id ${organizationId}`);
    if (!organization.serviceTypes.includes(order.serviceType)) {
      throw badUserInput('socialOrganizationId', `${organization.name} does not offer ${order.serviceType} (it offers ${organization.serviceTypes.join(', ')})`);
    }
    return { changes: { socialOrganizationId: organizationId }, note: optionalText('note', note, NOTE_MAX) };
  });
}

/** 社会组织接单: the organisation it was dispatched to accepts it. */
export function acceptPartnershipOrder(ctx: PartnershipsContext, id: string, now = new Date()): Promise<PartnershipOrder> {
  requireActingOrganization(ctx, 'accept partnership orders');
  return step(ctx, id, 'ACCEPT', async () => ({ changes: { acceptedAt: now } }));
}

/** The organisation declines, with the reason (kept in the history): the order returns to ORDERED, no organisation. */
export function declinePartnershipOrder(ctx: PartnershipsContext, id: string, reason: string): Promise<PartnershipOrder> {
  requireActingOrganization(ctx, 'decline partnership orders');
  return step(ctx, id, 'DECLINE', async () => ({ changes: { socialOrganizationId: null }, note: requiredText('reason', reason, NOTE_MAX) }));
}

/** The organisation fixes when it serves: an instant on one of the wanted dates (China time), not in the past. */
export function schedulePartnershipOrder(ctx: PartnershipsContext, id: string, at: Date | string, now = new Date()): Promise<PartnershipOrder> {
  requireActingOrganization(ctx, 'schedule partnership orders');
  return step(ctx, id, 'SCHEDULE', async (order) => {
    const when = at instanceof Date ? at : new Date(at);
    if (Number.isNaN(when.getTime())) throw badUserInput('at', 'must be an instant');
    if (when.getTime() < now.getTime()) throw badUserInput('at', 'must not be in the past');
    const day = localDate(when);
    if (day < order.wantedFrom || day > order.wantedTo) throw badUserInput('at', `must fall within the wanted dates ${order.wantedFrom}..${order.wantedTo} (China time)`);
    return { changes: { scheduledAt: when } };
  });
}

/** 评单: the enterprise rates a DELIVERED order 1–5, once; the comment is also the history's note. */
export function ratePartnershipOrder(ctx: PartnershipsContext, id: string, stars: number, comment: string | null): Promise<PartnershipOrder> {
  requireActingEnterprise(ctx, 'rate partnership orders');
  return step(ctx, id, 'RATE', async () => {
    const changes = { rating: rating(stars), ratingComment: optionalText('comment', comment, 1000) };
    return { changes, note: changes.ratingComment };
  });
}

/** The enterprise, the centre (in scope) or ADMIN cancels an order not yet accepted; the reason is kept. */
export function cancelPartnershipOrder(ctx: PartnershipsContext, id: string, reason: string): Promise<PartnershipOrder> {
  if (!hasRole(ctx.viewer, 'CENTRE_DISPATCHER', 'ADMIN')) requireActingEnterprise(ctx, 'cancel partnership orders');
  return step(ctx, id, 'CANCEL', async () => ({ note: requiredText('reason', reason, NOTE_MAX) }));
}

/**
 * One step: NOT_FOUND; FORBIDDEN unless the viewer is a party; CONFLICT when the status does not
 * allow it; then the step's own checks (role before input); then the compare-and-set and the
 * history in one transaction.
 */
async function step(
  ctx: PartnershipsContext,
  rawId: string,
  action: OrderStep,
  validate: (order: PartnershipOrder) => Promise<{ changes?: OrderChanges; note?: string | null }>,
): Promise<PartnershipOrder> {
  const id = idArgument('id', rawId);
  const [order] = await ctx.repos.orders.byIds([id]);
  if (!order) throw notFound('PartnershipOrder', id);
  checkOrderStep(ctx, order, action);
  const { changes, note } = await validate(order);
  return ctx.transaction((repos) => takeOrderStep(ctx, repos, order, action, changes, note ?? null));
}
