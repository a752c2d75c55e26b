import { conflict, ziboRegionCode } from '@vg/standards';
import { badUserInput, idArgument, notFound, optionalText, requiredText, requireRole } from '@vg/graphql';
import type { ProjectsContext } from '../context';
import type { Activity, ActivityStatus } from '../data/activity.entity';
import type { Repositories } from '../data/repositories';
import type { CreateActivityInput } from '../generated/graphql';
import { existingActivity } from './lookups';
import { requireRoleOrTeamLead } from './team-roles';

const MAX_CAPACITY = 10_000;
const MAX_LENGTH_MS = 24 * 3600 * 1000;
const ORGANISER_ROLES = ['ADMIN', 'STATION_STAFF'] as const;

/** The activity's project team must be led by the viewer, unless they are ADMIN or STATION_STAFF. */
async function requireOrganiser(ctx: ProjectsContext, repos: Repositories, projectId: string, action: string): Promise<void> {
  const [project] = await repos.projects.byIds([projectId]);
  if (!project) throw notFound('Project', projectId);
  await requireRoleOrTeamLead(ctx, project.teamId, action, ...ORGANISER_ROLES);
}

/**
 * Before any argument is read: only ADMIN, STATION_STAFF and TEAM_LEADER could ever organise, so
 * everyone else is FORBIDDEN whatever they sent (a validation error would reveal the rules).
 */
function requireMayOrganise(ctx: ProjectsContext, action: string): void {
  requireRole(ctx.viewer, action, ...ORGANISER_ROLES, 'TEAM_LEADER');
}

/**
 * Creates a DRAFT activity of a project at a station (ADMIN, STATION_STAFF, or the project team's
 * leader). Role, then the project (whose team decides the relation), then the rest of the input.
 */
export async function createActivity(ctx: ProjectsContext, input: CreateActivityInput): Promise<Activity> {
  requireMayOrganise(ctx, 'create activities');
  const projectId = idArgument('input.projectId', input.projectId);
  const [project] = await ctx.repos.projects.byIds([projectId]);
  if (!project) throw badUserInput('input.projectId', `unknown project ${projectId}`);
  await requireRoleOrTeamLead(ctx, project.teamId, 'create activities', ...ORGANISER_ROLES);

  const stationId = idArgument('input.stationId', input.stationId);
  const title = requiredText('input.title', input.title, 100);
  const description = optionalText('input.description', input.description, 5000);
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) throw badUserInput('input.endsAt', 'must be after startsAt');
  if (endsAt.getTime() - startsAt.getTime() > MAX_LENGTH_MS) throw badUserInput('input.endsAt', 'an activity lasts at most 24 hours');
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > MAX_CAPACITY) throw badUserInput('input.capacity', `must be between 1 and ${MAX_CAPACITY}`);
  const regionCode = input.regionCode == null ? null : ziboRegionCode('input.regionCode', input.regionCode);
  const station = await ctx.volunteers.station.load(stationId);
  if (!station) throw badUserInput('input.stationId', `unknown station ${stationId}`);

  return ctx.transaction((repos) =>
    repos.activities.insert({
      projectId,
      stationId,
      title,
      description,
      theme: input.theme ?? project.theme,
      regionCode: regionCode ?? station.regionCode,
      startsAt,
      endsAt,
      capacity: input.capacity,
      status: 'DRAFT',
    }),
  );
}

/** Moves an activity between statuses (organisers only); CONFLICT when its status does not allow it. */
async function transition(
  ctx: ProjectsContext,
  id: string,
  from: ActivityStatus[],
  to: ActivityStatus,
  action: string,
  extra: (repos: Repositories, activity: Activity) => Promise<Partial<Pick<Activity, 'cancelReason' | 'signupCount'>>> = async () => ({}),
): Promise<Activity> {
  requireMayOrganise(ctx, action);
  return ctx.transaction(async (repos) => {
    const activity = await existingActivity(repos, 'id', id, { lock: true });
    await requireOrganiser(ctx, repos, activity.projectId, action);
    if (!from.includes(activity.status)) throw conflict(`Cannot ${action}: the activity is ${activity.status}`, 'ILLEGAL_TRANSITION');
    const updated = await repos.activities.transition(activity.id, from, to, await extra(repos, activity));
    if (!updated) throw conflict(`Cannot ${action}: the activity changed meanwhile`, 'ILLEGAL_TRANSITION');
    return updated;
  });
}

export const publishActivity = (ctx: ProjectsContext, id: string) => transition(ctx, id, ['DRAFT'], 'PUBLISHED', 'publish the activity');

export function cancelActivity(ctx: ProjectsContext, id: string, reason: string): Promise<Activity> {
  return transition(ctx, id, ['DRAFT', 'PUBLISHED'], 'CANCELLED', 'cancel the activity', async (repos, activity) => {
    // Read only once the viewer is known to organise this activity.
    const cancelReason = requiredText('reason', reason, 500);
    await repos.signups.cancelAllOf(activity.id, new Date());
    return { cancelReason, signupCount: 0 };
  });
}

export function completeActivity(ctx: ProjectsContext, id: string): Promise<Activity> {
  return transition(ctx, id, ['PUBLISHED'], 'COMPLETED', 'complete the activity', async (_repos, activity) => {
    if (activity.endsAt > new Date()) throw conflict('Cannot complete an activity before it ends', 'NOT_ENDED');
    return {};
  });
}
