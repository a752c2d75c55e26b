import { bigintIds, countRows, likeContaining, likePrefix } from '@vg/db';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { TeamMembership } from './team-membership.entity';
import { Volunteer, type VolunteerStatus } from './volunteer.entity';

export interface VolunteerQuery {
  /** Region code prefix (see regionCodePrefix). */
  regionPrefix?: string;
  teamId?: string;
  skill?: string;
  nameContains?: string;
}

export interface NewVolunteer {
  name: string;
  gender: Volunteer['gender'];
  regionCode: string;
  skills: string[];
  idNumberEncrypted: Buffer;
  idNumberHash: string;
  phoneEncrypted: Buffer | null;
  phoneHash: string | null;
  accountSub: string | null;
}

export type VolunteerChanges = Partial<Pick<Volunteer, 'name' | 'regionCode' | 'skills' | 'phoneEncrypted' | 'phoneHash' | 'status'>>;

/** Volunteers: look-ups by key for loaders, keyset pages, and writes. */
export class VolunteerRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(Volunteer);
  }

  byIds(ids: readonly string[]): Promise<Volunteer[]> {
    return this.repo
      .createQueryBuilder('v')
      .comment('volunteersByIds')
      .where('v.id = ANY(:ids)', { ids: bigintIds(ids) })
      .getMany();
  }

  /** One volunteer, row-locked until the transaction ends (for read-decide-write). */
  async byIdForUpdate(id: string): Promise<Volunteer | null> {
    return this.repo.createQueryBuilder('v').comment('volunteerForUpdate').where('v.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  byNos(nos: readonly string[]): Promise<Volunteer[]> {
    return this.repo.createQueryBuilder('v').comment('volunteersByNos').where('v.volunteer_no = ANY(:nos)', { nos }).getMany();
  }

  /**
   * The volunteer an account (token subject) registered itself as, or null. One statement on the
   * UNIQUE index of account_sub (volunteers_account_sub_key): the gateway asks this for every
   * token without a volunteer id, so it must stay an index look-up.
   */
  async byAccountSub(sub: string): Promise<Volunteer | null> {
    return this.repo.createQueryBuilder('v').comment('volunteerByAccountSub').where('v.account_sub = :sub', { sub }).getOne();
  }

  /** The encrypted ID numbers and phones of these volunteers (never selected by default). */
  async personalData(ids: readonly string[]): Promise<{ id: string; idNumber: Buffer; phone: Buffer | null }[]> {
    const rows = await this.repo
      .createQueryBuilder('v')
      .comment('volunteerPersonalData')
      .select(['v.id AS id', 'v.id_number_encrypted AS "idNumber"', 'v.phone_encrypted AS phone'])
      .where('v.id = ANY(:ids)', { ids: bigintIds(ids) })
      .getRawMany<{ id: string; idNumber: Buffer; phone: Buffer | null }>();
    return rows.map((r) => ({ ...r, id: String(r.id) }));
  }

  /** The volunteers with these numbers, with their ID-number hash (not selected by default). */
  withIdNumberHash(nos: readonly string[]): Promise<Volunteer[]> {
    return this.repo.createQueryBuilder('v').comment('volunteerIdentities').addSelect('v.idNumberHash').where('v.volunteer_no = ANY(:nos)', { nos }).getMany();
  }

  /** Up to `limit` volunteers matching `query` with id > `afterId`, by id. */
  page(query: VolunteerQuery, limit: number, afterId?: string): Promise<Volunteer[]> {
    const q = this.filtered(query, 'pageVolunteers').orderBy('v.id').limit(limit);
    if (afterId) q.andWhere('v.id > :afterId', { afterId });
    return q.getMany();
  }

  count(query: VolunteerQuery): Promise<number> {
    return countRows(this.filtered(query, 'countVolunteers'));
  }

  private filtered(query: VolunteerQuery, name: string): SelectQueryBuilder<Volunteer> {
    const q = this.repo.createQueryBuilder('v').comment(name);
    if (query.regionPrefix) q.andWhere('v.region_code LIKE :prefix', { prefix: likePrefix(query.regionPrefix) });
    if (query.skill) q.andWhere('v.skills @> ARRAY[:skill]::text[]', { skill: query.skill });
    if (query.nameContains) q.andWhere("v.name LIKE :name ESCAPE '\\'", { name: likeContaining(query.nameContains) });
    if (query.teamId) {
      q.andWhere((sub) => `EXISTS ${sub.subQuery().select('1').from(TeamMembership, 'm').where('m.volunteer_id = v.id').andWhere('m.team_id = :teamId').getQuery()}`, {
        teamId: query.teamId,
      });
    }
    return q;
  }

  /** Inserts a volunteer; the database assigns id and volunteer number. */
  async insert(volunteer: NewVolunteer): Promise<Volunteer> {
    const { identifiers } = await this.repo
      .createQueryBuilder()
      .comment('insertVolunteer')
      .insert()
      .values({ ...volunteer, status: 'ACTIVE' as VolunteerStatus })
      .execute();
    const [created] = await this.byIds([String(identifiers[0].id)]);
    return created;
  }

  async update(id: string, changes: VolunteerChanges): Promise<void> {
    if (Object.keys(changes).length === 0) return;
    await this.repo.createQueryBuilder().comment('updateVolunteer').update().set(changes).where('id = :id', { id }).execute();
  }
}
