import { forbidden, hasRole, requireSignedIn } from '@vg/graphql';
import { isLeadingRole, teamsLed, type Role } from '@vg/standards';
import type { ProjectsContext } from '../context';

/**
 * Does the viewer lead `teamId` (LEADER or DEPUTY_LEADER, per the volunteers subgraph)? Asks only
 * for viewers with the TEAM_LEADER role and a volunteer id.
 */
export async function leadsTeam(ctx: ProjectsContext, teamId: string): Promise<boolean> {
  const { viewer } = ctx;
  if (!hasRole(viewer, 'TEAM_LEADER') || !viewer.volunteerId) return false;
  const me = await ctx.volunteers.volunteer.load(viewer.volunteerId);
  return !!me?.memberships.some((m) => m.teamId === teamId && isLeadingRole(m.role));
}

/** Roles that see every volunteer's service data (city-wide oversight, the insurer, internal services). */
const CITY_WIDE: Role[] = ['ADMIN', 'DATA_STAFF', 'INSURER', 'SERVICE'];

/**
 * May the viewer see this volunteer's service records and sign-ups? The volunteer themself, the
 * city-wide roles, and the leaders of a team the volunteer belongs to — not every TEAM_LEADER.
 */
export async function seesServiceOf(ctx: ProjectsContext, volunteerId: string): Promise<boolean> {
  const { viewer } = ctx;
  if (viewer.volunteerId === volunteerId || hasRole(viewer, ...CITY_WIDE)) return true;
  if (!hasRole(viewer, 'TEAM_LEADER') || !viewer.volunteerId) return false;
  // Both in the same batch to the volunteers subgraph.
  const [me, them] = await Promise.all([ctx.volunteers.volunteer.load(viewer.volunteerId), ctx.volunteers.volunteer.load(volunteerId)]);
  const led = teamsLed(me?.memberships ?? []);
  return !!them?.memberships.some((m) => led.has(m.teamId));
}

/**
 * May the viewer see who takes part in an activity of this project team? City-wide roles, station
 * staff (who check people in), and the project team's leaders.
 */
export async function seesParticipantsOf(ctx: ProjectsContext, teamId: string): Promise<boolean> {
  return hasRole(ctx.viewer, ...CITY_WIDE, 'STATION_STAFF') || leadsTeam(ctx, teamId);
}

/** FORBIDDEN unless the viewer has one of `roles` or leads `teamId`. */
export async function requireRoleOrTeamLead(ctx: ProjectsContext, teamId: string, action: string, ...roles: Role[]): Promise<void> {
  requireSignedIn(ctx.viewer, action);
  if (hasRole(ctx.viewer, ...roles) || (await leadsTeam(ctx, teamId))) return;
  throw forbidden(`Only ${[...roles, "the team's leader"].join(', ')} may ${action}`);
}
