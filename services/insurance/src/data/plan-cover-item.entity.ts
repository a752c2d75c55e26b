import { Column, Entity } from 'typeorm';
import { BaseEntity, numericTransformer } from '@vg/db';

export type CoverKind = 'ACCIDENTAL_DEATH_DISABILITY' | 'SUDDEN_ILLNESS_DEATH' | 'ACCIDENTAL_MEDICAL' | 'HOSPITAL_ALLOWANCE' | 'THIRD_PARTY_LIABILITY';

/** One benefit of a plan, with its sum insured in yuan (per day for allowances). */
@Entity('plan_cover_items')
export class PlanCoverItem extends BaseEntity {
  @Column({ type: 'bigint', name: 'plan_id' })
  planId!: string;

  /** Order in the plan's list. */
  @Column({ type: 'smallint' })
  position!: number;

  @Column({ type: 'varchar', length: 32 })
  kind!: CoverKind;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({ type: 'numeric', precision: 12, scale: 2, transformer: numericTransformer })
  amount!: number;

  @Column({ type: 'numeric', precision: 10, scale: 2, nullable: true, transformer: numericTransformer })
  deductible!: number | null;

  @Column({ type: 'numeric', precision: 3, scale: 2, name: 'reimbursement_rate', nullable: true, transformer: numericTransformer })
  reimbursementRate!: number | null;

  @Column({ type: 'int', name: 'max_days', nullable: true })
  maxDays!: number | null;
}
