import { Column, Entity } from 'typeorm';
import { BaseEntity, numericTransformer } from '@vg/db';

/**
 * A service record with the national record fields, made at check-out of an activity (signupId
 * and activityId set), on completing a service request (serviceRequestId set), or for another
 * subgraph's delivered service (partnerSource and partnerReference set, through
 * recordPartnerService): exactly one source, enforced by the database. Never deleted (a database
 * rule refuses it); corrections keep the previous values in service_record_corrections.
 */
@Entity('service_records')
export class ServiceRecord extends BaseEntity {
  @Column({ type: 'bigint', name: 'signup_id', nullable: true })
  signupId!: string | null;

  @Column({ type: 'bigint', name: 'activity_id', nullable: true })
  activityId!: string | null;

  @Column({ type: 'bigint', name: 'service_request_id', nullable: true })
  serviceRequestId!: string | null;

  /** The subgraph that delivered the service (e.g. `partnerships`), for a partner record. */
  @Column({ type: 'varchar', length: 32, name: 'partner_source', nullable: true })
  partnerSource!: string | null;

  /** The source's own id of what was delivered (e.g. the partnership order). */
  @Column({ type: 'bigint', name: 'partner_reference', nullable: true })
  partnerReference!: string | null;

  @Column({ type: 'bigint', name: 'volunteer_id' })
  volunteerId!: string;

  @Column({ type: 'date', name: 'service_date' })
  serviceDate!: string;

  @Column({ type: 'varchar', length: 300 })
  place!: string;

  @Column({ type: 'varchar', length: 100, name: 'served_party' })
  servedParty!: string;

  @Column({ type: 'text' })
  content!: string;

  @Column({ type: 'numeric', precision: 6, scale: 1, transformer: numericTransformer })
  hours!: number;

  @Column({ type: 'text', nullable: true })
  evaluation!: string | null;

  @Column({ type: 'varchar', length: 50, name: 'person_in_charge' })
  personInCharge!: string;

  @Column({ type: 'varchar', length: 128, name: 'recorded_by' })
  recordedBy!: string;

  @Column({ type: 'timestamptz', name: 'recorded_at', insert: false })
  recordedAt!: Date;
}
