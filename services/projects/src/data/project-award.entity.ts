import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@vg/db';

export type AwardLevel = 'NATIONAL' | 'PROVINCIAL' | 'CITY' | 'COUNTY';

/** An award a project won, e.g. gold at the 7th China Youth Volunteer Service Project Contest (2024). */
@Entity('project_awards')
export class ProjectAward extends BaseEntity {
  @Column({ type: 'bigint', name: 'project_id' })
  projectId!: string;

  @Column({ type: 'varchar', length: 100 })
  title!: string;

  @Column({ type: 'varchar', length: 20 })
  rank!: string;

  @Column({ type: 'varchar', length: 10 })
  level!: AwardLevel;

  @Column({ type: 'int' })
  year!: number;
}
