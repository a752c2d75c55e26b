import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericTransformer } from '@vg/db';

/** What a service record (its latest version) is credited with: a correction credits the difference. */
@Entity('record_credits')
export class RecordCredit {
  @PrimaryColumn({ type: 'bigint', name: 'record_id' })
  recordId!: string;

  @Column({ type: 'bigint', name: 'volunteer_id' })
  volunteerId!: string;

  @Column({ type: 'date', name: 'service_date' })
  serviceDate!: string;

  /** The activity's service theme, SERVICE_REQUEST for a record of a service request. */
  @Column({ type: 'varchar', length: 32 })
  theme!: string;

  @Column({ type: 'numeric', precision: 6, scale: 1, transformer: numericTransformer })
  hours!: number;

  /** The points its hours are worth under the rule of its service date. */
  @Column({ type: 'integer' })
  points!: number;

  @Column({ type: 'bigint', name: 'last_sequence' })
  lastSequence!: string;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
