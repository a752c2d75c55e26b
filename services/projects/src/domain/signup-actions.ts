import { localDate } from '@vg/config';
import { conflict } from '@vg/standards';
import { badUserInput, forbidden, hasRole, idArgument, notFound, optionalText, requiredText, requireRole, requireSignedIn } from '@vg/graphql';
import type { ProjectsContext } from '../context';
import type { Activity } from '../data/activity.entity';
import type { Repositories } from '../data/repositories';
import type { ServiceRecord } from '../data/service-record.entity';
import type { Signup } from '../data/signup.entity';
import type { CheckOutInput, CorrectServiceRecordInput } from '../generated/graphql';
import { serviceHours } from './service-hours';
import { existingActivity } from './lookups';
import { requireRoleOrTeamLead } from './team-roles';

/** Check-in opens this long before the start. */
const CHECK_IN_EARLY_MS = 60 * 60 * 1000;

/**
 * Signs the viewer up. Never over capacity (the seat is taken by a conditional UPDATE that
 * serialises concurrent sign-ups on the activity row), never twice, never for an activity
 * overlapping another of the volunteer's (their sign-ups are serialised by an advisory lock).
 */
export async function signUp(ctx: ProjectsContext, activityId: string): Promise<Signup> {
  requireRole(ctx.viewer, 'sign up', 'VOLUNTEER');
  const volunteerId = ctx.viewer.volunteerId;
  if (!volunteerId) throw forbidden('Sign in as a registered volunteer to sign up');
  const volunteer = await ctx.volunteers.volunteer.load(volunteerId);
  if (!volunteer) throw forbidden('Sign in as a registered volunteer to sign up');
  if (volunteer.status !== 'ACTIVE') throw conflict(`A ${volunteer.status} volunteer cannot sign up`, 'VOLUNTEER_NOT_ACTIVE');

  return ctx.transaction(async (repos) => {
    const activity = await existingActivity(repos, 'activityId', activityId);
    await repos.signups.lockVolunteer(volunteerId);
    if (await repos.signups.live(activity.id, volunteerId)) throw conflict('Already signed up for this activity', 'ALREADY_SIGNED_UP');
    const clash = await repos.signups.overlapping(volunteerId, activity.startsAt, activity.endsAt, activity.id);
    if (clash) throw conflict(`Signed up for an overlapping activity: ${clash.title}`, 'OVERLAPPING_ACTIVITY');
    if (!(await repos.activities.takeSeat(activity.id))) {
      if (activity.status !== 'PUBLISHED') throw conflict(`The activity is ${activity.status}: sign-up is closed`, 'ACTIVITY_NOT_OPEN');
      if (activity.startsAt <= new Date()) throw conflict('The activity has started: sign-up is closed', 'ACTIVITY_STARTED');
      throw conflict('The activity is full', 'ACTIVITY_FULL');
    }
    return repos.signups.insert(activity.id, volunteerId);
  });
}

/** Cancels the viewer's sign-up before check-in and frees the place. */
export async function cancelSignup(ctx: ProjectsContext, activityId: string): Promise<Signup> {
  requireSignedIn(ctx.viewer, 'cancel a sign-up');
  const volunteerId = ctx.viewer.volunteerId;
  if (!volunteerId) throw forbidden('Only the volunteer may cancel their sign-up');
  return ctx.transaction(async (repos) => {
    const activity = await existingActivity(repos, 'activityId', activityId);
    const signup = await repos.signups.live(activity.id, volunteerId);
    if (!signup) throw notFound('Signup', `${activityId}/${volunteerId}`);
    // After the end a sign-up never checked in is a NO_SHOW: cancelling it would rewrite history.
    if (activity.endsAt <= new Date()) throw conflict('The activity has ended: the sign-up can no longer be cancelled', 'ACTIVITY_ENDED');
    if (signup.status !== 'SIGNED_UP') throw conflict(`Cannot cancel: already ${signup.status}`, 'ILLEGAL_TRANSITION');
    const cancelled = await repos.signups.transition(signup.id, 'SIGNED_UP', 'CANCELLED', new Date());
    if (!cancelled) throw conflict('The sign-up changed meanwhile', 'ILLEGAL_TRANSITION');
    await repos.activities.releaseSeat(activity.id);
    return cancelled;
  });
}

/** Who records other volunteers' attendance (besides the project team's leaders). */
const ATTENDANCE_STAFF = ['STATION_STAFF', 'ADMIN'] as const;

/**
 * Before any argument is read: a viewer recording someone else's attendance must at least hold a
 * role that could allow it (STATION_STAFF, ADMIN, TEAM_LEADER); their own needs a volunteer id.
 */
function requireMayRecordAttendance(ctx: ProjectsContext, volunteerId: string | null | undefined, action: string): void {
  requireSignedIn(ctx.viewer, action);
  const own = volunteerId == null || volunteerId === ctx.viewer.volunteerId;
  if (own && !ctx.viewer.volunteerId && !hasRole(ctx.viewer, ...ATTENDANCE_STAFF, 'TEAM_LEADER')) throw forbidden(`Only the volunteer, STATION_STAFF, ADMIN or the team's leader may ${action}`);
  if (!own && !hasRole(ctx.viewer, ...ATTENDANCE_STAFF, 'TEAM_LEADER')) throw forbidden(`Only STATION_STAFF, ADMIN or the team's leader may ${action} for others`);
}

/**
 * Whose attendance the viewer may record: their own, or (STATION_STAFF, ADMIN, the project team's
 * leader) anyone's.
 */
async function attendee(ctx: ProjectsContext, repos: Repositories, activity: Activity, volunteerId: string | null | undefined, field: string, action: string): Promise<string> {
  const target = volunteerId == null ? ctx.viewer.volunteerId : idArgument(field, volunteerId);
  if (!target) throw badUserInput(field, 'required when the viewer is not a volunteer');
  if (target !== ctx.viewer.volunteerId) {
    const [project] = await repos.projects.byIds([activity.projectId]);
    await requireRoleOrTeamLead(ctx, project!.teamId, action, ...ATTENDANCE_STAFF);
  }
  return target;
}

/** Checks a signed-up volunteer in, from an hour before the start until the end. */
export async function checkIn(ctx: ProjectsContext, activityId: string, volunteerId?: string | null): Promise<Signup> {
  requireMayRecordAttendance(ctx, volunteerId, 'check volunteers in');
  return ctx.transaction(async (repos) => {
    const activity = await existingActivity(repos, 'activityId', activityId);
    const target = await attendee(ctx, repos, activity, volunteerId, 'volunteerId', 'check volunteers in');
    const now = new Date();
    if (activity.status !== 'PUBLISHED') throw conflict(`The activity is ${activity.status}`, 'ACTIVITY_NOT_OPEN');
    if (now.getTime() < activity.startsAt.getTime() - CHECK_IN_EARLY_MS || now >= activity.endsAt)
      throw conflict('Check-in is open from an hour before the start until the end', 'OUTSIDE_CHECK_IN_WINDOW');
    const signup = await repos.signups.live(activity.id, target);
    if (!signup) throw notFound('Signup', `${activityId}/${target}`);
    const checkedIn = await repos.signups.transition(signup.id, 'SIGNED_UP', 'CHECKED_IN', now);
    if (!checkedIn) throw conflict(`Cannot check in: the sign-up is ${signup.status}`, 'ILLEGAL_TRANSITION');
    return checkedIn;
  });
}

/** Checks a volunteer out and records the service (national record fields) from the actual time served. */
export async function checkOut(ctx: ProjectsContext, activityId: string, input: CheckOutInput | null | undefined): Promise<ServiceRecord> {
  requireMayRecordAttendance(ctx, input?.volunteerId, 'check volunteers out');
  return ctx.transaction(async (repos) => {
    const activity = await existingActivity(repos, 'activityId', activityId);
    const target = await attendee(ctx, repos, activity, input?.volunteerId, 'input.volunteerId', 'check volunteers out');
    const servedParty = optionalText('input.servedParty', input?.servedParty, 100);
    const content = optionalText('input.content', input?.content, 5000);
    const evaluation = optionalText('input.evaluation', input?.evaluation, 2000);
    const personInCharge = optionalText('input.personInCharge', input?.personInCharge, 50);
    const signup = await repos.signups.live(activity.id, target);
    if (!signup) throw notFound('Signup', `${activityId}/${target}`);
    const now = new Date();
    const checkedOut = await repos.signups.transition(signup.id, 'CHECKED_IN', 'CHECKED_OUT', now);
    if (!checkedOut) throw conflict(`Cannot check out: the sign-up is ${signup.status}`, 'ILLEGAL_TRANSITION');
    const [station, project] = await Promise.all([ctx.volunteers.station.load(activity.stationId), repos.projects.byIds([activity.projectId]).then(([p]) => p!)]);
    const inCharge =
      personInCharge ?? (ctx.viewer.volunteerId ? (await ctx.volunteers.volunteer.load(ctx.viewer.volunteerId))?.name : null) ?? (await ctx.volunteers.team.load(project.teamId))?.name ?? project.name;
    return repos.records.insert({
      signupId: signup.id,
      activityId: activity.id,
      serviceRequestId: null,
      volunteerId: target,
      serviceDate: localDate(checkedOut.checkedInAt!),
      place: station ? `${station.name}（${station.address}）` : `station ${activity.stationId}`,
      servedParty: servedParty ?? '群众',
      content: content ?? activity.title,
      hours: serviceHours(checkedOut.checkedInAt!, now, activity),
      evaluation,
      personInCharge: inCharge.slice(0, 50),
      recordedBy: ctx.viewer.sub!,
    });
  });
}

/** Hours a service request's record may be corrected to: a day of service at most. */
const MAX_REQUEST_RECORD_HOURS = 24;

/**
 * Corrects a record (ADMIN, or a leader of the team that served: the activity's project team or the
 * request's assigned team); the old values and the reason are kept. Role, then relation, then input.
 */
export async function correctServiceRecord(ctx: ProjectsContext, id: string, input: CorrectServiceRecordInput): Promise<ServiceRecord> {
  requireRole(ctx.viewer, 'correct service records', 'ADMIN', 'TEAM_LEADER');
  const recordId = idArgument('id', id);
  return ctx.transaction(async (repos) => {
    const record = await repos.records.lockById(recordId);
    if (!record) throw notFound('ServiceRecord', id);
    const { teamId, maxHours, source } = await servingTeam(repos, record);
    // A partner's record has no serving team of this subgraph: only ADMIN corrects it.
    if (!hasRole(ctx.viewer, 'ADMIN')) {
      if (!teamId) throw forbidden('Only ADMIN may correct a service record delivered through a partner');
      await requireRoleOrTeamLead(ctx, teamId, 'correct service records');
    }

    const reason = requiredText('input.reason', input.reason, 500);
    const content = input.content == null ? undefined : requiredText('input.content', input.content, 5000);
    const evaluation = input.evaluation == null ? undefined : optionalText('input.evaluation', input.evaluation, 2000);
    if (input.hours != null && !(input.hours >= 0 && Number.isInteger(input.hours * 2))) throw badUserInput('input.hours', 'must be zero or more, in half hours');
    if (input.hours == null && content === undefined && evaluation === undefined) throw badUserInput('input', 'nothing to correct');
    if (input.hours != null && input.hours > maxHours) throw badUserInput('input.hours', `must not exceed ${source} (${maxHours} h)`);
    return repos.records.correct(
      record,
      { ...(input.hours != null ? { hours: input.hours } : {}), ...(content !== undefined ? { content } : {}), ...(evaluation !== undefined ? { evaluation } : {}) },
      reason,
      ctx.viewer.sub!,
    );
  });
}

/** The team whose leaders answer for a record, and the most hours it may hold. */
async function servingTeam(repos: Repositories, record: ServiceRecord): Promise<{ teamId: string | null; maxHours: number; source: string }> {
  if (record.activityId) {
    const [activity] = await repos.activities.byIds([record.activityId]);
    const [project] = await repos.projects.byIds([activity.projectId]);
    return { teamId: project.teamId, maxHours: (activity.endsAt.getTime() - activity.startsAt.getTime()) / 3_600_000, source: "the activity's length" };
  }
  if (record.partnerReference) return { teamId: null, maxHours: MAX_REQUEST_RECORD_HOURS, source: 'a day of service' };
  const [request] = await repos.requests.byIds([record.serviceRequestId!]);
  // A request gets a record only on completion, by then it has been dispatched to a team.
  return { teamId: request.teamId!, maxHours: MAX_REQUEST_RECORD_HOURS, source: 'a day of service' };
}
