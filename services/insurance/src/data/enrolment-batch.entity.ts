import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@vg/db';

export type ItemStatus = 'ENROLLED' | 'ALREADY_ENROLLED' | 'REJECTED';

export type RejectionReason =
  | 'UNKNOWN_VOLUNTEER'
  | 'IDENTITY_MISMATCH'
  | 'INVALID_ID_NUMBER'
  | 'INVALID_PERIOD'
  | 'INVALID_POLICY_NUMBER'
  | 'DUPLICATE_IN_BATCH'
  | 'POLICY_NUMBER_IN_USE'
  | 'VOLUNTEER_SUSPENDED'
  | 'VOLUNTEER_WITHDRAWN';

/** One item's outcome as stored with its batch (and answered again on every retry). */
export interface StoredItemResult {
  index: number;
  volunteerNo: string;
  status: ItemStatus;
  reason: RejectionReason | null;
  message: string | null;
  /** The new enrolment, or the one already giving the cover. */
  enrolmentId: string | null;
}

/**
 * A batch the insurer sent, kept so a retry gets the same answer: a keyed hash of its canonical
 * content (plan and items — no ID number is stored, not even hashed alone) and the results.
 */
@Entity('enrolment_batches')
export class EnrolmentBatch extends BaseEntity {
  /** The insurer's id. */
  @Column({ type: 'varchar', length: 64, name: 'batch_id' })
  batchId!: string;

  @Column({ type: 'bigint', name: 'plan_id' })
  planId!: string;

  @Column({ type: 'char', length: 64, name: 'content_hash' })
  contentHash!: string;

  @Column({ type: 'int', name: 'item_count' })
  itemCount!: number;

  @Column({ type: 'jsonb' })
  results!: StoredItemResult[];

  @Column({ type: 'varchar', length: 128, name: 'submitted_by' })
  submittedBy!: string;
}
