import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type RegionLevel = 'CITY' | 'COUNTY' | 'TOWN' | 'VILLAGE';

/**
 * An administrative division: the city, its counties/districts (GB/T 2260 codes), towns and
 * sub-districts (9 digits) and villages/communities (12 digits). Identified by its code.
 */
@Entity('regions')
export class Region {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 8 })
  level!: RegionLevel;

  @Column({ type: 'varchar', length: 12, name: 'parent_code', nullable: true })
  parentCode!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
