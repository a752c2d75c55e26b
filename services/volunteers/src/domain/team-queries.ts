import { idArgument, pageSize, toConnection, type Connection } from '@vg/graphql';
import type { Team } from '../data/team.entity';
import type { TeamMembership } from '../data/team-membership.entity';
import type { VolunteersContext } from '../context';
import type { TeamFilter } from '../generated/graphql';
import { afterId, optionalId } from './arguments';
import { regionFilterPrefix } from './region-rules';

export function teamById(ctx: VolunteersContext, id: string): Promise<Team | null> {
  return ctx.loaders.team.load(idArgument('id', id));
}

/** A page of teams matching every filter, by id. */
export async function teamsPage(ctx: VolunteersContext, filter: TeamFilter | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<Team>> {
  const size = pageSize(first);
  const query = {
    level: filter?.level ?? undefined,
    regionPrefix: await regionFilterPrefix(ctx.regions, 'filter.regionCode', filter?.regionCode),
    parentId: optionalId('filter.parentId', filter?.parentId),
    nameContains: filter?.nameContains ?? undefined,
  };
  const rows = await ctx.repos.teams.page(query, size + 1, afterId(after));
  return toConnection(
    rows,
    size,
    (t) => t.id,
    () => ctx.repos.teams.count(query),
  );
}

/** A page of a team's members, by volunteer id. */
export async function teamMembersPage(ctx: VolunteersContext, teamId: string, first: number | null | undefined, after: string | null | undefined): Promise<Connection<TeamMembership>> {
  const size = pageSize(first);
  const position = afterId(after);
  // The first page of many teams comes in one statement; later pages are one team's at a time.
  const rows = position == null ? await ctx.loaders.firstTeamMembers.load({ id: teamId, limit: size + 1 }) : await ctx.repos.teams.membersPage(teamId, size + 1, position);
  return toConnection(
    rows,
    size,
    (m) => m.volunteerId,
    () => ctx.loaders.teamMemberCount.load(teamId),
  );
}
