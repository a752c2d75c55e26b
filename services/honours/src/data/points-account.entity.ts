import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A volunteer's points totals, kept in step with the ledger: balance = the sum of the ledger =
 * earned − spent − expired, never negative. The row is the lock every movement of the volunteer's
 * points takes first.
 */
@Entity('points_accounts')
export class PointsAccount {
  @PrimaryColumn({ type: 'bigint', name: 'volunteer_id' })
  volunteerId!: string;

  @Column({ type: 'integer' })
  balance!: number;

  /** Credited, net of negative corrections and adjustments. */
  @Column({ type: 'integer' })
  earned!: number;

  /** Redeemed, net of refunds. */
  @Column({ type: 'integer' })
  spent!: number;

  @Column({ type: 'integer' })
  expired!: number;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
