import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericTransformer } from '@vg/db';

/** A volunteer's cumulative hours as credited from the feed (they never expire), with their region. */
@Entity('volunteer_hours')
export class VolunteerHours {
  @PrimaryColumn({ type: 'bigint', name: 'volunteer_id' })
  volunteerId!: string;

  @Column({ type: 'numeric', precision: 9, scale: 1, transformer: numericTransformer })
  hours!: number;

  /** From the volunteers subgraph when the volunteer was first credited. */
  @Column({ type: 'varchar', length: 12, name: 'region_code', nullable: true })
  regionCode!: string | null;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
