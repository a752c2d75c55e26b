import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@vg/db';

export type CatalogueItemKind = 'GOODS' | 'SERVICE';

/** What a redemption point gives for points: goods, or a free service (服务免单), at a cost per unit. */
@Entity('catalogue_items')
export class CatalogueItem extends BaseEntity {
  @Column({ type: 'bigint', name: 'point_id' })
  pointId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: CatalogueItemKind;

  /** Points per unit. */
  @Column({ type: 'integer', name: 'points_cost' })
  pointsCost!: number;

  /** Units left; null for a service without a limit. Never below zero (a CHECK constraint). */
  @Column({ type: 'integer', nullable: true })
  stock!: number | null;
}
