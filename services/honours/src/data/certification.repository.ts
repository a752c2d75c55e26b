import type { EntityManager } from 'typeorm';
import { bigintIds, likePrefix, sql } from '@vg/db';
import { StarCertification, type IssuerLevel } from './star-certification.entity';

/** A volunteer's credited hours and region, as the feed consumer keeps them (volunteer_hours). */
export interface HoursRow {
  volunteerId: string;
  hours: number;
  regionCode: string | null;
}

export interface NewCertifications {
  level: number;
  issuedOn: string;
  issuerLevel: IssuerLevel;
  issuerRegionCode: string;
  issuedBy: string;
  volunteers: { volunteerId: string; volunteerNo: string; hours: number }[];
}

export interface CandidateQuery {
  /** Hours the level takes. */
  minHours: number;
  level: number;
  /** regionPrefix of the region. */
  regionPrefix: string;
}

/** Star certificates, and the hours they are decided on (read from volunteer_hours). */
export class CertificationRepository {
  constructor(private readonly manager: EntityManager) {}

  private get certificates() {
    return this.manager.getRepository(StarCertification);
  }

  byIds(ids: readonly string[]): Promise<StarCertification[]> {
    return this.certificates
      .createQueryBuilder('c')
      .comment('certificationsByIds')
      .where('c.id = ANY(:ids)', { ids: bigintIds(ids) })
      .getMany();
  }

  /** Locks the certificate for a change (revocation). */
  lockById(id: string): Promise<StarCertification | null> {
    return this.certificates.createQueryBuilder('c').comment('lockCertification').where('c.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  byNumber(certificateNo: string): Promise<StarCertification | null> {
    return this.certificates.createQueryBuilder('c').comment('certificationByNumber').where('c.certificate_no = :certificateNo', { certificateNo }).getOne();
  }

  /** Every certificate of these volunteers, newest first (revoked ones included). */
  ofVolunteers(volunteerIds: readonly string[]): Promise<StarCertification[]> {
    return this.certificates
      .createQueryBuilder('c')
      .comment('certificationsOfVolunteers')
      .where('c.volunteer_id = ANY(:ids)', { ids: bigintIds(volunteerIds) })
      .orderBy('c.issued_on', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .getMany();
  }

  /** The live certificates of `level` among these volunteers. */
  liveOfLevel(volunteerIds: readonly string[], level: number): Promise<StarCertification[]> {
    return this.certificates
      .createQueryBuilder('c')
      .comment('liveCertificationsOfLevel')
      .where('c.volunteer_id = ANY(:ids) AND c.level = :level AND c.revoked_at IS NULL', { ids: bigintIds(volunteerIds), level })
      .getMany();
  }

  /** Hours and region of these volunteers (those with a row: anyone ever credited). */
  async hoursOf(volunteerIds: readonly string[]): Promise<HoursRow[]> {
    const rows: { volunteer_id: string; hours: string; region_code: string | null }[] = await this.manager.query(
      sql('hoursForCertification', 'SELECT volunteer_id, hours, region_code FROM volunteer_hours WHERE volunteer_id = ANY($1::bigint[])'),
      [bigintIds(volunteerIds)],
    );
    return rows.map((r) => ({ volunteerId: String(r.volunteer_id), hours: Number(r.hours), regionCode: r.region_code }));
  }

  /**
   * Certifies every volunteer in one statement: certificate numbers ZBXJ{level}-{issuer region}-{year}-{6-digit
   * sequence}. The partial unique index (one live certificate per volunteer and level) refuses a
   * concurrent duplicate. Returned in the order given.
   */
  async insertMany(c: NewCertifications): Promise<StarCertification[]> {
    const { volunteers } = c;
    const rows: { id: string }[] = await this.manager.query(
      sql(
        'insertCertifications',
        `INSERT INTO star_certifications (certificate_no, volunteer_id, volunteer_no, level, issued_on, issuer_level, issuer_region_code, issued_by, hours_at_issue)
         SELECT format('ZBXJ%s-%s-%s-%s', $1::int, $4::text, extract(year FROM $2::date)::int, lpad(nextval('star_certificate_no_seq')::text, 6, '0')),
                v.volunteer_id, v.volunteer_no, $1, $2, $3, $4, $5, v.hours
           FROM unnest($6::bigint[], $7::varchar[], $8::numeric[]) WITH ORDINALITY AS v(volunteer_id, volunteer_no, hours, ord)
          ORDER BY v.ord
         RETURNING id`,
      ),
      [c.level, c.issuedOn, c.issuerLevel, c.issuerRegionCode, c.issuedBy, volunteers.map((v) => v.volunteerId), volunteers.map((v) => v.volunteerNo), volunteers.map((v) => v.hours)],
    );
    const created = await this.byIds(rows.map((r) => String(r.id)));
    const order = new Map(volunteers.map((v, i) => [v.volunteerId, i]));
    return created.sort((a, b) => order.get(a.volunteerId)! - order.get(b.volunteerId)!);
  }

  /** Revokes a live certificate: false when it was already revoked (nothing changed). */
  async revoke(id: string, by: string, reason: string): Promise<boolean> {
    const { affected } = await this.certificates
      .createQueryBuilder()
      .comment('revokeCertification')
      .update()
      .set({ revokedAt: () => 'now()', revokedBy: by, revokeReason: reason })
      .where('id = :id AND revoked_at IS NULL', { id })
      .execute();
    return (affected ?? 0) > 0;
  }

  /**
   * Up to `limit` volunteers in the region whose hours reach the level and who hold no live
   * certificate of it or higher, most hours first (then by id), after the keyset position.
   */
  async candidates(query: CandidateQuery, limit: number, after?: { hours: number; volunteerId: string }): Promise<{ volunteerId: string; hours: number }[]> {
    const params: unknown[] = [likePrefix(query.regionPrefix), query.minHours, query.level, limit];
    let keyset = '';
    if (after) {
      params.push(after.hours, after.volunteerId);
      keyset = 'AND (h.hours < $5 OR (h.hours = $5 AND h.volunteer_id > $6::bigint))';
    }
    const rows: { volunteer_id: string; hours: string }[] = await this.manager.query(
      sql('starCandidates', `SELECT h.volunteer_id, h.hours ${this.candidateFrom} ${keyset} ORDER BY h.hours DESC, h.volunteer_id LIMIT $4`),
      params,
    );
    return rows.map((r) => ({ volunteerId: String(r.volunteer_id), hours: Number(r.hours) }));
  }

  async countCandidates(query: CandidateQuery): Promise<number> {
    const [row]: { count: number }[] = await this.manager.query(sql('countStarCandidates', `SELECT count(*)::int AS count ${this.candidateFrom}`), [
      likePrefix(query.regionPrefix),
      query.minHours,
      query.level,
    ]);
    return row.count;
  }

  private readonly candidateFrom = `FROM volunteer_hours h
    WHERE h.region_code LIKE $1 AND h.hours >= $2
      AND NOT EXISTS (SELECT 1 FROM star_certifications c WHERE c.volunteer_id = h.volunteer_id AND c.level >= $3 AND c.revoked_at IS NULL)`;
}
