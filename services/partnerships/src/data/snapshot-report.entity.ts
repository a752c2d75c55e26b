import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A 随手拍 report: what a new-employment volunteer saw on their round, and where. */
@Entity('snapshot_reports')
export class SnapshotReport {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'bigint', name: 'volunteer_id' })
  volunteerId!: string;

  @Column({ type: 'varchar', length: 500 })
  description!: string;

  @Column({ type: 'double precision' })
  lat!: number;

  @Column({ type: 'double precision' })
  lng!: number;

  @Column({ type: 'timestamptz', name: 'reported_at' })
  reportedAt!: Date;
}
