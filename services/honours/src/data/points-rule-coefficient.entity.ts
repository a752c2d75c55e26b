import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { numericTransformer } from '@vg/db';
import type { PointsRule } from './points-rule.entity';

/** A rule's multiplier for one service theme (e.g. EMERGENCY_RESCUE 1.5). */
@Entity('points_rule_coefficients')
export class PointsRuleCoefficient {
  @PrimaryColumn({ type: 'bigint', name: 'rule_id' })
  ruleId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  theme!: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numericTransformer })
  coefficient!: number;

  @ManyToOne('PointsRule', 'coefficients')
  @JoinColumn({ name: 'rule_id' })
  rule?: PointsRule;
}
