import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { bigintIds, countRows, likePrefix } from '@vg/db';
import { Activity, type ActivityStatus } from './activity.entity';

export interface ActivityQuery {
  stationId?: string;
  projectId?: string;
  regionPrefix?: string;
  theme?: string;
  status?: ActivityStatus;
  startsFrom?: Date;
  startsBefore?: Date;
}

/** A keyset position in (starts_at, id) order. */
export interface ActivityPosition {
  startsAt: Date;
  id: string;
}

export type NewActivity = Pick<Activity, 'projectId' | 'stationId' | 'title' | 'description' | 'theme' | 'regionCode' | 'startsAt' | 'endsAt' | 'capacity' | 'status'>;

/** Activities, and the seat counter that keeps sign-ups within capacity. */
export class ActivityRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(Activity);
  }

  byIds(ids: readonly string[]): Promise<Activity[]> {
    return this.repo
      .createQueryBuilder('a')
      .comment('activitiesByIds')
      .where('a.id = ANY(:ids)', { ids: bigintIds(ids) })
      .getMany();
  }

  /** The activity with this id, its row locked until the transaction ends. */
  lockById(id: string): Promise<Activity | null> {
    return this.repo.createQueryBuilder('a').comment('lockActivity').setLock('pessimistic_write').where('a.id = :id', { id }).getOne();
  }

  /** Up to `limit` activities matching `query` after `after`, by start time then id. */
  page(query: ActivityQuery, limit: number, after?: ActivityPosition): Promise<Activity[]> {
    const q = this.filtered(query, 'pageActivities').orderBy('a.starts_at').addOrderBy('a.id').limit(limit);
    if (after) q.andWhere('(a.starts_at, a.id) > (:afterStart, :afterId)', { afterStart: after.startsAt, afterId: after.id });
    return q.getMany();
  }

  count(query: ActivityQuery): Promise<number> {
    return countRows(this.filtered(query, 'countActivities'));
  }

  private filtered(query: ActivityQuery, name: string): SelectQueryBuilder<Activity> {
    const q = this.repo.createQueryBuilder('a').comment(name);
    if (query.stationId) q.andWhere('a.station_id = :stationId', { stationId: query.stationId });
    if (query.projectId) q.andWhere('a.project_id = :projectId', { projectId: query.projectId });
    if (query.regionPrefix) q.andWhere('a.region_code LIKE :prefix', { prefix: likePrefix(query.regionPrefix) });
    if (query.theme) q.andWhere('a.theme = :theme', { theme: query.theme });
    if (query.status) q.andWhere('a.status = :status', { status: query.status });
    if (query.startsFrom) q.andWhere('a.starts_at >= :startsFrom', { startsFrom: query.startsFrom });
    if (query.startsBefore) q.andWhere('a.starts_at < :startsBefore', { startsBefore: query.startsBefore });
    return q;
  }

  /**
   * The first `limit` PUBLISHED activities at each of these stations (only those not yet ended when
   * `upcoming`), soonest first: one statement for any number of stations.
   */
  publishedAtStations(stationIds: readonly string[], upcoming: boolean, limit: number): Promise<Activity[]> {
    return this.firstPerGroup('publishedActivitiesAtStations', 'station_id', stationIds, limit, (q) => {
      q.andWhere("a.status = 'PUBLISHED'");
      if (upcoming) q.andWhere('a.ends_at > now()');
    });
  }

  /** The first `limit` activities of each of these projects, by start time (one statement). */
  firstOfProjects(projectIds: readonly string[], limit: number): Promise<Activity[]> {
    return this.firstPerGroup('firstActivitiesOfProjects', 'project_id', projectIds, limit, () => {});
  }

  /** Activities counted per project. */
  async countByProjects(projectIds: readonly string[]): Promise<{ projectId: string; count: number }[]> {
    const rows = await this.repo
      .createQueryBuilder('a')
      .comment('countActivitiesByProjects')
      .select(['a.project_id AS "projectId"', 'count(*)::int AS count'])
      .where('a.project_id = ANY(:ids)', { ids: bigintIds(projectIds) })
      .groupBy('a.project_id')
      .getRawMany<{ projectId: string; count: number }>();
    return rows.map((r) => ({ projectId: String(r.projectId), count: r.count }));
  }

  private firstPerGroup(name: string, column: 'station_id' | 'project_id', ids: readonly string[], limit: number, narrow: (q: SelectQueryBuilder<Activity>) => void): Promise<Activity[]> {
    const ranked = this.repo
      .createQueryBuilder('a')
      .select('a.id')
      .addSelect(`row_number() OVER (PARTITION BY a.${column} ORDER BY a.starts_at, a.id)`, 'rank')
      .where(`a.${column} = ANY(:ids)`, { ids: bigintIds(ids) });
    narrow(ranked);
    return this.repo
      .createQueryBuilder('a')
      .comment(name)
      .where(`a.id IN (SELECT ranked.a_id FROM (${ranked.getQuery()}) ranked WHERE ranked.rank <= :limit)`)
      .setParameters({ ...ranked.getParameters(), limit })
      .orderBy(`a.${column}`)
      .addOrderBy('a.starts_at')
      .addOrderBy('a.id')
      .getMany();
  }

  async insert(activity: NewActivity): Promise<Activity> {
    const { identifiers } = await this.repo.createQueryBuilder().comment('insertActivity').insert().values(activity).execute();
    const [created] = await this.byIds([String(identifiers[0].id)]);
    return created;
  }

  /**
   * Moves an activity from one of `from` to `to` (with extra column changes); null when it was not
   * in one of those states (someone else moved it first), so callers answer CONFLICT.
   */
  async transition(id: string, from: ActivityStatus[], to: ActivityStatus, changes: Partial<Pick<Activity, 'cancelReason' | 'signupCount'>> = {}): Promise<Activity | null> {
    const { affected } = await this.repo
      .createQueryBuilder()
      .comment('transitionActivity')
      .update()
      .set({ status: to, ...changes })
      .where('id = :id AND status IN (:...from)', { id, from })
      .execute();
    if (!affected) return null;
    const [updated] = await this.byIds([id]);
    return updated;
  }

  /**
   * Takes one seat of a PUBLISHED activity that has not started: true when taken. The conditional
   * UPDATE locks the row, so concurrent sign-ups queue here and never overfill it.
   */
  async takeSeat(id: string): Promise<boolean> {
    const { affected } = await this.repo
      .createQueryBuilder()
      .comment('takeActivitySeat')
      .update()
      .set({ signupCount: () => 'signup_count + 1' })
      .where("id = :id AND status = 'PUBLISHED' AND signup_count < capacity AND starts_at > now()", { id })
      .execute();
    return (affected ?? 0) > 0;
  }

  async releaseSeat(id: string): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .comment('releaseActivitySeat')
      .update()
      .set({ signupCount: () => 'signup_count - 1' })
      .where('id = :id AND signup_count > 0', { id })
      .execute();
  }
}
