import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@vg/db';

export type ActivityStatus = 'DRAFT' | 'PUBLISHED' | 'CANCELLED' | 'COMPLETED';

/**
 * One occurrence of service at a station (an id in the volunteers subgraph). `signupCount` counts
 * live sign-ups; the database keeps it between 0 and `capacity`.
 */
@Entity('activities')
export class Activity extends BaseEntity {
  @Column({ type: 'bigint', name: 'project_id' })
  projectId!: string;

  @Column({ type: 'bigint', name: 'station_id' })
  stationId!: string;

  @Column({ type: 'varchar', length: 100 })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 32 })
  theme!: string;

  @Column({ type: 'varchar', length: 12, name: 'region_code' })
  regionCode!: string;

  @Column({ type: 'timestamptz', name: 'starts_at' })
  startsAt!: Date;

  @Column({ type: 'timestamptz', name: 'ends_at' })
  endsAt!: Date;

  @Column({ type: 'int' })
  capacity!: number;

  @Column({ type: 'int', name: 'signup_count', insert: false })
  signupCount!: number;

  @Column({ type: 'varchar', length: 10 })
  status!: ActivityStatus;

  @Column({ type: 'text', name: 'cancel_reason', nullable: true })
  cancelReason!: string | null;
}
