import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { bigintIds, countRows, likePrefix } from '@vg/db';
import { Commendation, type AwardeeKind, type CommendationLevel } from './commendation.entity';

export interface CommendationQuery {
  year?: number;
  level?: CommendationLevel;
  awardeeKind?: AwardeeKind;
  /** regionPrefix of the region: it and everything below it. */
  regionPrefix?: string;
}

export type NewCommendation = Pick<Commendation, 'title' | 'year' | 'level' | 'citation' | 'awardingBody' | 'awardeeKind' | 'awardeeId' | 'regionCode' | 'recordedBy'>;

/** Commendations of volunteers, teams, projects and stations. */
export class CommendationRepository {
  constructor(private readonly manager: EntityManager) {}

  private get commendations() {
    return this.manager.getRepository(Commendation);
  }

  byIds(ids: readonly string[]): Promise<Commendation[]> {
    return this.commendations
      .createQueryBuilder('m')
      .comment('commendationsByIds')
      .where('m.id = ANY(:ids)', { ids: bigintIds(ids) })
      .getMany();
  }

  /** The commendations of these awardees (kind and id), newest year first. */
  ofAwardees(awardees: readonly { kind: AwardeeKind; id: string }[]): Promise<Commendation[]> {
    const valid = awardees.filter((a) => bigintIds([a.id]).length === 1);
    return this.commendations
      .createQueryBuilder('m')
      .comment('commendationsOfAwardees')
      .where('(m.awardee_kind, m.awardee_id) IN (SELECT * FROM unnest(:kinds::varchar[], :ids::bigint[]))', {
        kinds: valid.map((a) => a.kind),
        ids: valid.map((a) => a.id),
      })
      .orderBy('m.year', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .getMany();
  }

  /** Up to `limit` matching `query`, newest year first (then newest id), after the keyset position. */
  page(query: CommendationQuery, limit: number, after?: { year: number; id: string }): Promise<Commendation[]> {
    const q = this.filtered(query, 'pageCommendations').orderBy('m.year', 'DESC').addOrderBy('m.id', 'DESC').limit(limit);
    if (after) q.andWhere('(m.year, m.id) < (:afterYear, :afterId)', { afterYear: after.year, afterId: after.id });
    return q.getMany();
  }

  count(query: CommendationQuery): Promise<number> {
    return countRows(this.filtered(query, 'countCommendations'));
  }

  private filtered(query: CommendationQuery, name: string): SelectQueryBuilder<Commendation> {
    const q = this.commendations.createQueryBuilder('m').comment(name);
    if (query.year != null) q.andWhere('m.year = :year', { year: query.year });
    if (query.level) q.andWhere('m.level = :level', { level: query.level });
    if (query.awardeeKind) q.andWhere('m.awardee_kind = :kind', { kind: query.awardeeKind });
    if (query.regionPrefix) q.andWhere('m.region_code LIKE :prefix', { prefix: likePrefix(query.regionPrefix) });
    return q;
  }

  async insert(commendation: NewCommendation): Promise<Commendation> {
    const { identifiers } = await this.commendations.createQueryBuilder().comment('insertCommendation').insert().values(commendation).execute();
    const [created] = await this.byIds([String(identifiers[0].id)]);
    return created;
  }
}
