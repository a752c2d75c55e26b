import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@vg/db';

export type BrandKind = 'REGIONAL' | 'PROJECT';

/** A volunteer service brand: a region's umbrella brand or a project brand. */
@Entity('brands')
export class Brand extends BaseEntity {
  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: BrandKind;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 12, name: 'region_code', nullable: true })
  regionCode!: string | null;
}
