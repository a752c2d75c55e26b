import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@vg/db';
import type { RegionLevel } from './region.entity';

/** A volunteer team at one of the four levels (city, county, town, village), under a parent team. */
@Entity('teams')
export class Team extends BaseEntity {
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 8 })
  level!: RegionLevel;

  @Column({ type: 'varchar', length: 12, name: 'region_code' })
  regionCode!: string;

  @Column({ type: 'bigint', name: 'parent_id', nullable: true })
  parentId!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;
}
