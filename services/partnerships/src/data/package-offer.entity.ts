import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PackageOfferKind } from '../generated/graphql';

/**
 * A place offering service packages: a 千店联盟 shop, a volunteer station (of the volunteers
 * subgraph: its id, and a copy of its name and location so the distance search stays one query
 * here) or a social organisation of this service. Which packages: package_offer_packages.
 */
@Entity('package_offers')
export class PackageOffer {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'varchar', length: 12 })
  kind!: PackageOfferKind;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 200 })
  address!: string;

  @Column({ type: 'double precision' })
  lat!: number;

  @Column({ type: 'double precision' })
  lng!: number;

  @Column({ type: 'bigint', name: 'station_id', nullable: true })
  stationId!: string | null;

  @Column({ type: 'bigint', name: 'social_organization_id', nullable: true })
  socialOrganizationId!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
