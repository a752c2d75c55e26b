import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type RedemptionStatus = 'REDEEMED' | 'REFUNDED';

/**
 * Points a volunteer spent on a catalogue item. Never deleted: a refund marks it REFUNDED and the
 * points come back as a new ledger entry. (volunteer, idempotency key) is unique, so a retried
 * request finds the first redemption instead of spending twice.
 */
@Entity('redemptions')
export class Redemption {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'bigint', name: 'volunteer_id' })
  volunteerId!: string;

  @Column({ type: 'bigint', name: 'point_id' })
  pointId!: string;

  @Column({ type: 'bigint', name: 'item_id' })
  itemId!: string;

  @Column({ type: 'integer' })
  quantity!: number;

  /** Points spent: the item's cost × quantity at the time. */
  @Column({ type: 'integer' })
  points!: number;

  @Column({ type: 'varchar', length: 64, name: 'idempotency_key' })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 10, default: 'REDEEMED' })
  status!: RedemptionStatus;

  /** Token subject of who redeemed (the volunteer or the point's staff). */
  @Column({ type: 'varchar', length: 128, name: 'redeemed_by' })
  redeemedBy!: string;

  @Column({ type: 'timestamptz', name: 'redeemed_at', default: () => 'now()' })
  redeemedAt!: Date;

  @Column({ type: 'timestamptz', name: 'refunded_at', nullable: true })
  refundedAt!: Date | null;

  @Column({ type: 'varchar', length: 128, name: 'refunded_by', nullable: true })
  refundedBy!: string | null;

  @Column({ type: 'text', name: 'refund_reason', nullable: true })
  refundReason!: string | null;
}
