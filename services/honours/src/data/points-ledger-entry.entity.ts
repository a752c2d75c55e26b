import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type PointsEntryKind = 'RECORD' | 'CORRECTION' | 'REDEMPTION' | 'REFUND' | 'EXPIRY' | 'ADJUSTMENT';

/** One movement of a volunteer's points; append-only (a correction is a new entry). */
@Entity('points_ledger')
export class PointsLedgerEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'bigint', name: 'volunteer_id' })
  volunteerId!: string;

  @Column({ type: 'varchar', length: 12 })
  kind!: PointsEntryKind;

  /** Signed: credits positive, debits negative. */
  @Column({ type: 'integer' })
  points!: number;

  @Column({ type: 'integer', name: 'balance_after' })
  balanceAfter!: number;

  @Column({ type: 'bigint', name: 'record_id', nullable: true })
  recordId!: string | null;

  /** The feed change it came from (unique: the database refuses a second credit of one change). */
  @Column({ type: 'bigint', name: 'source_sequence', nullable: true })
  sourceSequence!: string | null;

  @Column({ type: 'bigint', name: 'redemption_id', nullable: true })
  redemptionId!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'varchar', length: 128, name: 'by_sub', nullable: true })
  by!: string | null;

  @Column({ type: 'timestamptz', insert: false })
  at!: Date;
}
