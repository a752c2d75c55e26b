import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericTransformer } from '@vg/db';

/** One entry of the service-record change feed; `sequence` is gapless in commit order. */
@Entity('service_record_changes')
export class ServiceRecordChange {
  @PrimaryColumn({ type: 'bigint' })
  sequence!: string;

  @Column({ type: 'bigint', name: 'record_id' })
  recordId!: string;

  @Column({ type: 'bigint', name: 'volunteer_id' })
  volunteerId!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: 'CREATED' | 'CORRECTED';

  @Column({ type: 'numeric', precision: 6, scale: 1, transformer: numericTransformer })
  hours!: number;

  @Column({ type: 'numeric', precision: 7, scale: 1, name: 'hours_delta', transformer: numericTransformer })
  hoursDelta!: number;

  @Column({ type: 'timestamptz', insert: false })
  at!: Date;
}
