import { Column, Entity } from 'typeorm';
import { BaseEntity, numericTransformer } from '@vg/db';

/**
 * A service record with the national record fields, made at check-out of an activity (signupId
 * and activityId set) or on completing a service request (serviceRequestId set): exactly one
 * source, enforced by the database. Never deleted (a database
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
