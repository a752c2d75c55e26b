/** A volunteer's role in a team. */
export type TeamRole = 'LEADER' | 'DEPUTY_LEADER' | 'MEMBER';

/**
 * The team-leader rule, the same everywhere in the graph: a team is led by its LEADER and its
 * DEPUTY_LEADERs (per the memberships, not the TEAM_LEADER token role alone).
 */
export const LEADING_TEAM_ROLES: readonly TeamRole[] = ['LEADER', 'DEPUTY_LEADER'];

export function isLeadingRole(role: TeamRole | null | undefined): boolean {
  return role != null && LEADING_TEAM_ROLES.includes(role);
}

/** The ids of the teams these memberships lead. */
export function teamsLed(memberships: readonly { teamId: string; role: TeamRole }[]): Set<string> {
  return new Set(memberships.filter((m) => isLeadingRole(m.role)).map((m) => m.teamId));
}
