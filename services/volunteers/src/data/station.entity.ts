import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@vg/db';

/** The "six into" places where stations stand. */
export type StationKind = 'SCENIC_SPOT' | 'STREET_MARKET' | 'CULTURAL_VENUE' | 'TRANSPORT_HUB' | 'PARK_SQUARE' | 'COMMUNITY';

/** A volunteer service station: a fixed place in the "15-minute volunteer service circle". */
@Entity('stations')
export class Station extends BaseEntity {
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: StationKind;

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

  @Column({ type: 'bigint', name: 'operating_team_id', nullable: true })
  operatingTeamId!: string | null;
}
