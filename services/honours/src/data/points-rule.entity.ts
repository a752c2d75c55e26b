import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { numericTransformer } from '@vg/db';
import { PointsRuleCoefficient } from './points-rule-coefficient.entity';

/** How hours become points for records served from `effectiveFrom` on (until the next rule). */
@Entity('points_rules')
export class PointsRule {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'date', name: 'effective_from' })
  effectiveFrom!: string;

  @Column({ type: 'numeric', precision: 8, scale: 2, name: 'points_per_hour', transformer: numericTransformer })
  pointsPerHour!: number;

  @Column({ type: 'varchar', length: 128, name: 'created_by' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  /** Multipliers per theme; themes not listed count 1. */
  @OneToMany(() => PointsRuleCoefficient, (c) => c.rule)
  coefficients!: PointsRuleCoefficient[];
}
