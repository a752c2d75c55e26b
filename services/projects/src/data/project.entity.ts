import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@vg/db';

/** A service project organised by a team (an id in the volunteers subgraph), possibly under a brand. */
@Entity('projects')
export class Project extends BaseEntity {
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'bigint', name: 'brand_id', nullable: true })
  brandId!: string | null;

  @Column({ type: 'bigint', name: 'team_id' })
  teamId!: string;

  @Column({ type: 'varchar', length: 32 })
  theme!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 12, name: 'region_code' })
  regionCode!: string;

  @Column({ type: 'boolean', name: 'in_demonstration_library' })
  inDemonstrationLibrary!: boolean;
}
