import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericTransformer } from '@vg/db';

/**
 * A volunteer's service on a delivered partnership order: who (a volunteer of the volunteers
 * subgraph, by id) and for how long. It becomes a service record of the projects subgraph through
 * the record outbox: `serviceRecordId` stays null until that record is written (those rows are the
 * outbox), `attempts` and `lastError` say how the writing went so far.
 */
@Entity('partnership_services')
export class PartnershipService {
  @PrimaryColumn({ type: 'bigint', name: 'order_id' })
  orderId!: string;

  @PrimaryColumn({ type: 'bigint', name: 'volunteer_id' })
  volunteerId!: string;

  /** In half hours, more than 0 and at most 24. */
  @Column({ type: 'numeric', precision: 4, scale: 1, transformer: numericTransformer })
  hours!: number;

  @Column({ type: 'bigint', name: 'service_record_id', nullable: true })
  serviceRecordId!: string | null;

  @Column({ type: 'int', insert: false })
  attempts!: number;

  @Column({ type: 'text', name: 'last_error', nullable: true, insert: false })
  lastError!: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', insert: false })
  createdAt!: Date;
}
