import { forbidden, hasRole, requireSignedIn, type Role } from '@vg/graphql';
import type { ProjectsContext } from '../context';

/**
 * Does the viewer lead `teamId` (LEADER or DEPUTY_LEADER, per the volunteers subgraph)? Asks only
 * for viewers with the TEAM_LEADER role and a volunteer id.
 */
export async function leadsTeam(ctx: ProjectsContext, teamId: string): Promise<boolean> {
  const { viewer } = ctx;
  if (!hasRole(viewer, 'TEAM_LEADER') || !viewer.volunteerId) return false;
  const me = await ctx.volunteers.volunteer.load(viewer.volunteerId);
  return !!me?.memberships.some((m) => m.teamId === teamId && (m.role === 'LEADER' || m.role === 'DEPUTY_LEADER'));
}

/** FORBIDDEN unless the viewer has one of `roles` or leads `teamId`. */
export async function requireRoleOrTeamLead(ctx: ProjectsContext, teamId: string, action: string, ...roles: Role[]): Promise<void> {
  requireSignedIn(ctx.viewer, action);
  if (hasRole(ctx.viewer, ...roles) || (await leadsTeam(ctx, teamId))) return;
  throw forbidden(`Only ${[...roles, "the team's leader"].join(', ')} may ${action}`);
}
