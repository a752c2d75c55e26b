import { Column, Entity } from 'typeorm';
import { BaseEntity, numericTransformer } from '@vg/db';

/**
 * An accident insurance plan for volunteers (淄博志愿保), from one insurer. Cover items are in
 * plan_cover_items. An enrolment's cover must start while the plan is on sale and last at most
 * `termMonths`.
 */
@Entity('insurance_plans')
export class InsurancePlan extends BaseEntity {
  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 100 })
  insurer!: string;

  @Column({ type: 'int', name: 'term_months' })
  termMonths!: number;

  /** Yuan per person-year. */
  @Column({ type: 'numeric', precision: 10, scale: 2, name: 'premium_per_person_year', transformer: numericTransformer })
  premiumPerPersonYear!: number;

  @Column({ type: 'date', name: 'on_sale_from' })
  onSaleFrom!: string;

  @Column({ type: 'date', name: 'on_sale_until', nullable: true })
  onSaleUntil!: string | null;
}
