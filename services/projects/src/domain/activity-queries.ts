import { decodeKeyset, forbidden, idArgument, pageSize, toConnection, type Connection } from '@vg/graphql';
import { regionCodeArgument, regionPrefix } from '@vg/standards';
import type { ProjectsContext } from '../context';
import type { Activity } from '../data/activity.entity';
import type { ActivityPosition, ActivityQuery } from '../data/activity.repository';
import type { Signup } from '../data/signup.entity';
import type { ActivityFilter, SignupStatus } from '../generated/graphql';
import { effectiveSignupStatus } from './signup-status';
import { seesParticipantsOf, seesServiceOf } from './team-roles';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ID = /^[1-9]\d{0,18}$/;

/** An activity's keyset position in lists (start time, then id), as encodeKeyset joins it. */
export const activityPosition = (a: Activity): string => [a.startsAt.toISOString(), a.id].join('|');

/** The position inside an activity cursor; BAD_USER_INPUT on `after` when it is not one. */
export function activityAfter(after: string | null | undefined): ActivityPosition | undefined {
  if (after == null) return undefined;
  const [startsAt, id] = decodeKeyset(after, [ISO_INSTANT, ID]);
  return { startsAt: new Date(startsAt), id };
}

/** The filter's ids and region checked (BAD_USER_INPUT naming the field), as a repository query. */
export function activityQuery(filter: ActivityFilter | null | undefined): ActivityQuery {
  return {
    stationId: filter?.stationId == null ? undefined : idArgument('filter.stationId', filter.stationId),
    projectId: filter?.projectId == null ? undefined : idArgument('filter.projectId', filter.projectId),
    regionPrefix: filter?.regionCode == null ? undefined : regionPrefix(regionCodeArgument('filter.regionCode', filter.regionCode)),
    theme: filter?.theme ?? undefined,
    status: filter?.status ?? undefined,
    startsFrom: filter?.startsFrom == null ? undefined : new Date(filter.startsFrom),
    startsBefore: filter?.startsBefore == null ? undefined : new Date(filter.startsBefore),
  };
}

/** A page of activities matching every filter, by start time then id. */
export async function listActivities(ctx: ProjectsContext, args: { filter?: ActivityFilter | null; first?: number | null; after?: string | null }): Promise<Connection<Activity>> {
  const size = pageSize(args.first);
  const query = activityQuery(args.filter);
  const rows = await ctx.repos.activities.page(query, size + 1, activityAfter(args.after));
  return toConnection(rows, size, activityPosition, () => ctx.repos.activities.count(query));
}

/**
 * A project's activities. First pages are batched across projects (one statement for a whole
 * list); later pages of one project are read by keyset.
 */
export async function activitiesOfProject(ctx: ProjectsContext, projectId: string, args: { first?: number | null; after?: string | null }): Promise<Connection<Activity>> {
  const size = pageSize(args.first);
  const rows = args.after == null ? await ctx.loaders.projectActivities.load({ id: projectId, limit: size + 1 }) : await ctx.repos.activities.page({ projectId }, size + 1, activityAfter(args.after));
  return toConnection(rows, size, activityPosition, () => ctx.loaders.projectActivityCount.load(projectId));
}

/** Published activities at a station, soonest first (only those not ended when `upcoming`). */
export function activitiesAtStation(ctx: ProjectsContext, stationId: string, args: { upcoming?: boolean | null; first?: number | null }): Promise<Activity[]> {
  return ctx.loaders.stationActivities.load({ id: stationId, limit: pageSize(args.first), upcoming: args.upcoming ?? true });
}

/** FORBIDDEN unless the viewer may see who takes part in this activity (see seesParticipantsOf). */
async function requireParticipantsVisible(ctx: ProjectsContext, activity: Activity): Promise<void> {
  const project = await ctx.loaders.project.load(activity.projectId);
  if (!project || !(await seesParticipantsOf(ctx, project.teamId))) throw forbidden("Only city staff, station staff and the project team's leaders may see an activity's participants");
}

/** The activity's sign-ups, in the derived status when one is asked for (NO_SHOW after the end). */
export async function signupsOfActivity(ctx: ProjectsContext, activity: Activity, status: SignupStatus | null | undefined): Promise<Signup[]> {
  await requireParticipantsVisible(ctx, activity);
  const signups = await ctx.loaders.signupsOfActivity.load(activity.id);
  const now = new Date();
  return status ? signups.filter((s) => effectiveSignupStatus(s, activity, now) === status) : signups;
}

/** Volunteer ids of the live sign-ups (signed up, checked in or out). */
export async function participantIds(ctx: ProjectsContext, activity: Activity): Promise<string[]> {
  await requireParticipantsVisible(ctx, activity);
  return (await ctx.loaders.signupsOfActivity.load(activity.id)).filter((s) => s.status !== 'CANCELLED').map((s) => s.volunteerId);
}

/** A volunteer's sign-ups (same visibility as their records), in the derived status when asked. */
export async function signupsOfVolunteer(ctx: ProjectsContext, volunteerId: string, status: SignupStatus | null | undefined): Promise<Signup[]> {
  if (!(await seesServiceOf(ctx, volunteerId))) throw forbidden("Only the volunteer, their team's leaders and city staff may see sign-ups");
  const signups = await ctx.loaders.signupsOfVolunteer.load(volunteerId);
  if (!status) return signups;
  // One batch for all their activities, primed for Signup.activity and Signup.status.
  const activities = await ctx.loaders.activity.loadMany(signups.map((s) => s.activityId));
  const now = new Date();
  return signups.filter((s, i) => effectiveSignupStatus(s, activities[i] as Activity, now) === status);
}
