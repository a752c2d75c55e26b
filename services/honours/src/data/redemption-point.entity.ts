import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@vg/db';

/** 美德超市 (goods for points) or 爱心驿站 (free services and goods). */
export type RedemptionPointKind = 'VIRTUE_SUPERMARKET' | 'LOVE_STATION';

/** A place where volunteers spend points, run by a shop or market entity (its operator). */
@Entity('redemption_points')
export class RedemptionPoint extends BaseEntity {
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: RedemptionPointKind;

  /** The shop, supermarket or market entity that runs it. */
  @Column({ type: 'varchar', length: 100 })
  operator!: string;

  @Column({ type: 'double precision' })
  lat!: number;

  @Column({ type: 'double precision' })
  lng!: number;

  @Column({ type: 'varchar', length: 200 })
  address!: string;

  @Column({ type: 'varchar', length: 12, name: 'region_code' })
  regionCode!: string;

  @Column({ type: 'varchar', length: 100, name: 'opening_hours', nullable: true })
  openingHours!: string | null;
}
