import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericTransformer } from '@vg/db';

/** The values a correction replaced, who made it and why (append-only). */
@Entity('service_record_corrections')
export class ServiceRecordCorrection {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'bigint', name: 'record_id' })
  recordId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'varchar', length: 128, name: 'corrected_by' })
  correctedBy!: string;

  @Column({ type: 'timestamptz', name: 'corrected_at', insert: false })
  correctedAt!: Date;

  @Column({ type: 'numeric', precision: 6, scale: 1, name: 'previous_hours', transformer: numericTransformer })
  previousHours!: number;

  @Column({ type: 'text', name: 'previous_content' })
  previousContent!: string;

  @Column({ type: 'text', name: 'previous_evaluation', nullable: true })
  previousEvaluation!: string | null;
}
