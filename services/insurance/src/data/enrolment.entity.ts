import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@vg/db';

/** What the database stores; EXPIRED is not stored but read from the dates (see domain/enrolment-status). */
export type StoredEnrolmentStatus = 'ACTIVE' | 'CANCELLED';

/**
 * A volunteer's cover under a plan, from the insurer's batch. The volunteer is an id (and public
 * number) in the volunteers subgraph; no ID number or name is kept. The database refuses two
 * ACTIVE enrolments of one volunteer in one plan with overlapping cover (an exclusion constraint).
 */
@Entity('enrolments')
export class Enrolment extends BaseEntity {
  @Column({ type: 'bigint', name: 'volunteer_id' })
  volunteerId!: string;

  @Column({ type: 'varchar', length: 20, name: 'volunteer_no' })
  volunteerNo!: string;

  @Column({ type: 'bigint', name: 'plan_id' })
  planId!: string;

  @Column({ type: 'varchar', length: 40, name: 'policy_number' })
  policyNumber!: string;

  /** First day of cover, inclusive (China date). */
  @Column({ type: 'date', name: 'cover_start' })
  coverStart!: string;

  /** Last day of cover, inclusive (China date). */
  @Column({ type: 'date', name: 'cover_end' })
  coverEnd!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: StoredEnrolmentStatus;

  /** The insurer's batch id. */
  @Column({ type: 'varchar', length: 64, name: 'batch_id' })
  batchId!: string;

  /** The item's position in its batch. */
  @Column({ type: 'int', name: 'batch_item' })
  batchItem!: number;

  @Column({ type: 'varchar', length: 128, name: 'enrolled_by' })
  enrolledBy!: string;

  @Column({ type: 'timestamptz', name: 'cancelled_at', nullable: true })
  cancelledAt!: Date | null;

  @Column({ type: 'varchar', length: 128, name: 'cancelled_by', nullable: true })
  cancelledBy!: string | null;

  @Column({ type: 'text', name: 'cancel_reason', nullable: true })
  cancelReason!: string | null;
}
