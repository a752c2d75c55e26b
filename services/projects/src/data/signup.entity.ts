import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@vg/db';

export type SignupStatus = 'SIGNED_UP' | 'CHECKED_IN' | 'CHECKED_OUT' | 'CANCELLED';

/** A volunteer's place in an activity, through check-in and check-out (or cancellation). */
@Entity('signups')
export class Signup extends BaseEntity {
  @Column({ type: 'bigint', name: 'activity_id' })
  activityId!: string;

  @Column({ type: 'bigint', name: 'volunteer_id' })
  volunteerId!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: SignupStatus;

  @Column({ type: 'timestamptz', name: 'signed_up_at', insert: false })
  signedUpAt!: Date;

  @Column({ type: 'timestamptz', name: 'checked_in_at', nullable: true })
  checkedInAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'checked_out_at', nullable: true })
  checkedOutAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'cancelled_at', nullable: true })
  cancelledAt!: Date | null;
}
