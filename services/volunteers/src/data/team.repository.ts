import { bigintIds, countRows, likeContaining, likePrefix } from '@vg/db';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { RegionLevel } from './region.entity';
import { Team } from './team.entity';
import { TeamMembership, type TeamRole } from './team-membership.entity';

export interface TeamQuery {
  level?: RegionLevel;
  regionPrefix?: string;
  parentId?: string;
  nameContains?: string;
}

/** Teams and their memberships. */
export class TeamRepository {
  constructor(private readonly manager: EntityManager) {}

  private get teams() {
    return this.manager.getRepository(Team);
  }

  private get memberships() {
    return this.manager.getRepository(TeamMembership);
  }

  byIds(ids: readonly string[]): Promise<Team[]> {
    return this.teams
      .createQueryBuilder('t')
      .comment('teamsByIds')
      .where('t.id = ANY(:ids)', { ids: bigintIds(ids) })
      .getMany();
  }

  childrenOf(parentIds: readonly string[]): Promise<Team[]> {
    return this.teams.createQueryBuilder('t').comment('teamChildren').where('t.parent_id = ANY(:parentIds)', { parentIds }).orderBy('t.id').getMany();
  }

  page(query: TeamQuery, limit: number, afterId?: string): Promise<Team[]> {
    const q = this.filtered(query, 'pageTeams').orderBy('t.id').limit(limit);
    if (afterId) q.andWhere('t.id > :afterId', { afterId });
    return q.getMany();
  }

  count(query: TeamQuery): Promise<number> {
    return countRows(this.filtered(query, 'countTeams'));
  }

  private filtered(query: TeamQuery, name: string): SelectQueryBuilder<Team> {
    const q = this.teams.createQueryBuilder('t').comment(name);
    if (query.level) q.andWhere('t.level = :level', { level: query.level });
    if (query.regionPrefix) q.andWhere('t.region_code LIKE :prefix', { prefix: likePrefix(query.regionPrefix) });
    if (query.parentId) q.andWhere('t.parent_id = :parentId', { parentId: query.parentId });
    if (query.nameContains) q.andWhere("t.name LIKE :name ESCAPE '\\'", { name: likeContaining(query.nameContains) });
    return q;
  }

  /** Every membership of these volunteers, by team id. */
  membershipsOfVolunteers(volunteerIds: readonly string[]): Promise<TeamMembership[]> {
    return this.memberships.createQueryBuilder('m').comment('membershipsOfVolunteers').where('m.volunteer_id = ANY(:volunteerIds)', { volunteerIds }).orderBy('m.team_id').getMany();
  }

  /** The LEADER membership of each of these teams (teams without a leader are absent). */
  leadersOf(teamIds: readonly string[]): Promise<TeamMembership[]> {
    return this.memberships.createQueryBuilder('m').comment('teamLeaders').where('m.team_id = ANY(:teamIds)', { teamIds }).andWhere("m.role = 'LEADER'").getMany();
  }

  /** Member counts of these teams. */
  async memberCounts(teamIds: readonly string[]): Promise<{ teamId: string; count: number }[]> {
    const rows = await this.memberships
      .createQueryBuilder('m')
      .comment('teamMemberCounts')
      .select(['m.team_id AS "teamId"', 'count(*)::int AS count'])
      .where('m.team_id = ANY(:teamIds)', { teamIds })
      .groupBy('m.team_id')
      .getRawMany<{ teamId: string; count: number }>();
    return rows.map((r) => ({ teamId: String(r.teamId), count: r.count }));
  }

  /**
   * The first `limit` memberships of each of these teams, by volunteer id: one statement for any
   * number of teams (a window per team).
   */
  firstMembersOf(teamIds: readonly string[], limit: number): Promise<TeamMembership[]> {
    const ranked = this.memberships
      .createQueryBuilder('m')
      .select(['m.team_id AS team_id', 'm.volunteer_id AS volunteer_id'])
      .addSelect('row_number() OVER (PARTITION BY m.team_id ORDER BY m.volunteer_id)', 'rank')
      .where('m.team_id = ANY(:teamIds)', { teamIds: bigintIds(teamIds) });
    return this.memberships
      .createQueryBuilder('m')
      .comment('firstTeamMembers')
      .where(`(m.team_id, m.volunteer_id) IN (SELECT ranked.team_id, ranked.volunteer_id FROM (${ranked.getQuery()}) ranked WHERE ranked.rank <= :limit)`)
      .setParameters({ ...ranked.getParameters(), limit })
      .orderBy('m.team_id')
      .addOrderBy('m.volunteer_id')
      .getMany();
  }

  /** A page of one team's memberships after a volunteer id. */
  membersPage(teamId: string, limit: number, afterVolunteerId?: string): Promise<TeamMembership[]> {
    const q = this.memberships.createQueryBuilder('m').comment('teamMembersPage').where('m.team_id = :teamId', { teamId }).orderBy('m.volunteer_id').limit(limit);
    if (afterVolunteerId) q.andWhere('m.volunteer_id > :after', { after: afterVolunteerId });
    return q.getMany();
  }

  membership(teamId: string, volunteerId: string): Promise<TeamMembership | null> {
    return this.memberships.createQueryBuilder('m').comment('teamMembership').where('m.team_id = :teamId AND m.volunteer_id = :volunteerId', { teamId, volunteerId }).getOne();
  }

  async insert(team: Pick<Team, 'name' | 'level' | 'regionCode' | 'parentId' | 'description'>): Promise<Team> {
    const { identifiers } = await this.teams.createQueryBuilder().comment('insertTeam').insert().values(team).execute();
    const [created] = await this.byIds([String(identifiers[0].id)]);
    return created;
  }

  async addMember(teamId: string, volunteerId: string, role: TeamRole): Promise<TeamMembership> {
    await this.memberships.createQueryBuilder().comment('addTeamMember').insert().values({ teamId, volunteerId, role, joinedAt: new Date() }).execute();
    return (await this.membership(teamId, volunteerId))!;
  }

  /** Removes a membership; true when there was one. */
  async removeMember(teamId: string, volunteerId: string): Promise<boolean> {
    const { affected } = await this.memberships.createQueryBuilder().comment('removeTeamMember').delete().where('team_id = :teamId AND volunteer_id = :volunteerId', { teamId, volunteerId }).execute();
    return (affected ?? 0) > 0;
  }
}
