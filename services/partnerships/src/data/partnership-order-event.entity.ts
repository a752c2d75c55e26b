import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PartnershipOrderStatus } from './partnership-order.entity';

/** The steps of a partnership order (ORDER, DISPATCH, ACCEPT, DECLINE, SCHEDULE, DELIVER, RATE, CANCEL). */
export type PartnershipOrderAction = 'ORDER' | 'DISPATCH' | 'ACCEPT' | 'DECLINE' | 'SCHEDULE' | 'DELIVER' | 'RATE' | 'CANCEL';

/** One step of a partnership order: who moved it from which status to which, when and why (append-only). */
@Entity('partnership_order_events')
export class PartnershipOrderEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'bigint', name: 'order_id' })
  orderId!: string;

  @Column({ type: 'varchar', length: 10, name: 'from_status', nullable: true })
  fromStatus!: PartnershipOrderStatus | null;

  @Column({ type: 'varchar', length: 10, name: 'to_status' })
  toStatus!: PartnershipOrderStatus;

  @Column({ type: 'varchar', length: 10 })
  action!: PartnershipOrderAction;

  /** Token subject of who took the step (the schema's `actor`). */
  @Column({ type: 'varchar', length: 128, name: 'actor_sub' })
  actor!: string;

  @Column({ type: 'varchar', length: 24, name: 'actor_role' })
  actorRole!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
