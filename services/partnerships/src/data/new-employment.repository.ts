import { bigintIds } from '@vg/db';
import type { EntityManager } from 'typeorm';
import type { NewEmploymentOccupation } from '../generated/graphql';
import { NewEmploymentVolunteer } from './new-employment-volunteer.entity';
import { SnapshotReport } from './snapshot-report.entity';

export type NewSnapshotReport = Pick<SnapshotReport, 'volunteerId' | 'description' | 'lat' | 'lng'> & { reportedAt?: Date };

/** New-employment volunteers (couriers, riders …) and their 随手拍 reports. */
export class NewEmploymentRepository {
  constructor(private readonly manager: EntityManager) {}

  profilesOf(volunteerIds: readonly string[]): Promise<NewEmploymentVolunteer[]> {
    return this.manager
      .getRepository(NewEmploymentVolunteer)
      .createQueryBuilder('n')
      .comment('newEmploymentProfilesOf')
      .where('n.volunteer_id = ANY(:ids)', { ids: bigintIds(volunteerIds) })
      .getMany();
  }

  /**
   * Marks a volunteer (or changes their occupation): one upsert, so two concurrent marks of one
   * volunteer leave one row. The first marking time stays; who marked last is kept.
   */
  async mark(volunteerId: string, occupation: NewEmploymentOccupation, by: string): Promise<NewEmploymentVolunteer> {
    const [row]: Record<string, unknown>[] = await this.manager.query(
      `/* markNewEmploymentVolunteer */ INSERT INTO new_employment_volunteers (volunteer_id, occupation, marked_by) VALUES ($1, $2, $3)
       ON CONFLICT (volunteer_id) DO UPDATE SET occupation = EXCLUDED.occupation, marked_by = EXCLUDED.marked_by
       RETURNING volunteer_id, occupation, marked_by, marked_at`,
      [volunteerId, occupation, by],
    );
    return Object.assign(new NewEmploymentVolunteer(), {
      volunteerId: String(row.volunteer_id),
      occupation: row.occupation as NewEmploymentOccupation,
      markedBy: row.marked_by as string,
      markedAt: row.marked_at as Date,
    });
  }

  /** How many reports each of these volunteers filed (only those with any). */
  async reportCounts(volunteerIds: readonly string[]): Promise<{ volunteerId: string; count: number }[]> {
    const rows: { volunteer_id: string; count: number }[] = await this.manager.query(
      `/* snapshotReportCounts */ SELECT volunteer_id, count(*)::int AS count FROM snapshot_reports WHERE volunteer_id = ANY($1::bigint[]) GROUP BY volunteer_id`,
      [bigintIds(volunteerIds)],
    );
    return rows.map((r) => ({ volunteerId: String(r.volunteer_id), count: r.count }));
  }

  async insertReport(report: NewSnapshotReport): Promise<SnapshotReport> {
    const repo = this.manager.getRepository(SnapshotReport);
    return repo.save(repo.create({ ...report, reportedAt: report.reportedAt ?? new Date() }));
  }

  /** Seed: many volunteers and reports in two statements. */
  async insertMany(volunteers: readonly { volunteerId: string; occupation: NewEmploymentOccupation; by: string }[], reports: readonly NewSnapshotReport[]): Promise<void> {
    await this.manager.query(
      `/* insertNewEmploymentVolunteers */ INSERT INTO new_employment_volunteers (volunteer_id, occupation, marked_by)
       SELECT * FROM unnest($1::bigint[], $2::varchar[], $3::varchar[]) ON CONFLICT (volunteer_id) DO NOTHING`,
      [volunteers.map((v) => v.volunteerId), volunteers.map((v) => v.occupation), volunteers.map((v) => v.by)],
    );
    await this.manager.query(
      `/* insertSnapshotReports */ INSERT INTO snapshot_reports (volunteer_id, description, lat, lng, reported_at)
       SELECT * FROM unnest($1::bigint[], $2::varchar[], $3::float8[], $4::float8[], $5::timestamptz[])`,
      [reports.map((r) => r.volunteerId), reports.map((r) => r.description), reports.map((r) => r.lat), reports.map((r) => r.lng), reports.map((r) => r.reportedAt ?? new Date())],
    );
  }
}
