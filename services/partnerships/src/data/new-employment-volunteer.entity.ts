import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { NewEmploymentOccupation } from '../generated/graphql';

/** A volunteer (of the volunteers subgraph) marked as a member of a new-employment group. */
@Entity('new_employment_volunteers')
export class NewEmploymentVolunteer {
  @PrimaryColumn({ type: 'bigint', name: 'volunteer_id' })
  volunteerId!: string;

  @Column({ type: 'varchar', length: 20 })
  occupation!: NewEmploymentOccupation;

  /** Token subject of who marked them. */
  @Column({ type: 'varchar', length: 128, name: 'marked_by' })
  markedBy!: string;

  @Column({ type: 'timestamptz', name: 'marked_at' })
  markedAt!: Date;
}
