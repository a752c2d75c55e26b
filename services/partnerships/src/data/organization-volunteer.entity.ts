import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A volunteer (of the volunteers subgraph, by id) serving with a social organisation. */
@Entity('organization_volunteers')
export class OrganizationVolunteer {
  @PrimaryColumn({ type: 'bigint', name: 'organization_id' })
  organizationId!: string;

  @PrimaryColumn({ type: 'bigint', name: 'volunteer_id' })
  volunteerId!: string;

  @Column({ type: 'timestamptz', name: 'added_at', insert: false })
  addedAt!: Date;
}
