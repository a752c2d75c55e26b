import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Points earned on one day, spent and expired oldest first (they expire 3 years after `earnedOn`). */
@Entity('points_lots')
export class PointsLot {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'bigint', name: 'volunteer_id' })
  volunteerId!: string;

  @Column({ type: 'date', name: 'earned_on' })
  earnedOn!: string;

  @Column({ type: 'date', name: 'expires_on' })
  expiresOn!: string;

  @Column({ type: 'integer' })
  amount!: number;

  @Column({ type: 'integer' })
  remaining!: number;

  @Column({ type: 'bigint', name: 'record_id', nullable: true })
  recordId!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
