import { bigintIds, nearest } from '@vg/db';
import type { EntityManager } from 'typeorm';
import type { PackageOfferKind, ServicePackageCategory } from '../generated/graphql';
import { PackageOffer } from './package-offer.entity';
import { ServicePackage } from './service-package.entity';

export type NewServicePackage = Pick<ServicePackage, 'name' | 'category' | 'description'>;
export interface NewPackageOffer {
  kind: PackageOfferKind;
  name: string;
  address: string;
  lat: number;
  lng: number;
  stationId: string | null;
  socialOrganizationId: string | null;
  /** The packages it offers (at least one). */
  packageIds: string[];
}

/** A package row with the offer it belongs to (one-to-many look-ups both ways). */
export type OfferOfPackage = { packageId: string; offer: PackageOffer };
export type PackageOfOffer = { offerId: string; servicePackage: ServicePackage };

/** The service-package catalogue and the places offering it, with the distance search. */
export class PackageRepository {
  constructor(private readonly manager: EntityManager) {}

  private get packages() {
    return this.manager.getRepository(ServicePackage);
  }

  private get offers() {
    return this.manager.getRepository(PackageOffer);
  }

  /** The catalogue (or one category of it), by name. */
  list(category: ServicePackageCategory | null): Promise<ServicePackage[]> {
    const q = this.packages.createQueryBuilder('p').comment('listServicePackages').orderBy('p.category').addOrderBy('p.name').addOrderBy('p.id');
    if (category) q.where('p.category = :category', { category });
    return q.getMany();
  }

  byIds(ids: readonly string[]): Promise<ServicePackage[]> {
    return this.packages
      .createQueryBuilder('p')
      .comment('servicePackagesByIds')
      .where('p.id = ANY(:ids)', { ids: bigintIds(ids) })
      .getMany();
  }

  /** The offers of these packages, each package's by offer id. */
  async offersOf(packageIds: readonly string[]): Promise<OfferOfPackage[]> {
    const rows: (Record<string, unknown> & { package_id: string })[] = await this.manager.query(
      `/* offersOfServicePackages */ SELECT pop.package_id, o.* FROM package_offer_packages pop JOIN package_offers o ON o.id = pop.offer_id
       WHERE pop.package_id = ANY($1::bigint[]) ORDER BY pop.package_id, o.id`,
      [bigintIds(packageIds)],
    );
    return rows.map((row) => ({ packageId: String(row.package_id), offer: offerFromRow(row) }));
  }

  /** The packages of these offers, each offer's by category and name. */
  async packagesOf(offerIds: readonly string[]): Promise<PackageOfOffer[]> {
    const rows: (Record<string, unknown> & { offer_id: string })[] = await this.manager.query(
      `/* packagesOfOffers */ SELECT pop.offer_id, p.* FROM package_offer_packages pop JOIN service_packages p ON p.id = pop.package_id
       WHERE pop.offer_id = ANY($1::bigint[]) ORDER BY pop.offer_id, p.category, p.name, p.id`,
      [bigintIds(offerIds)],
    );
    return rows.map((row) => ({ offerId: String(row.offer_id), servicePackage: packageFromRow(row) }));
  }

  /**
   * Offers within `radiusMeters` of (lat, lng), nearest first, with their haversine distance. A
   * bounding box on the (lat, lng) index narrows the candidates before the exact distance.
   */
  async near(lat: number, lng: number, radiusMeters: number, limit: number): Promise<{ offer: PackageOffer; distanceMeters: number }[]> {
    const q = this.offers.createQueryBuilder('o').comment('packageOffersNear');
    return (await nearest(q, 'o', { lat, lng }, radiusMeters, limit)).map(({ row, distanceMeters }) => ({ offer: row, distanceMeters }));
  }

  /** Whether the catalogue has any package (the demo seed runs only on an empty one). */
  async any(): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(`/* anyServicePackage */ SELECT 1 FROM service_packages LIMIT 1`);
    return rows.length > 0;
  }

  /** Inserts packages in one statement; their ids in the order given. */
  async insertPackages(rows: readonly NewServicePackage[]): Promise<string[]> {
    const inserted: { id: string; n: string }[] = await this.manager.query(
      `/* insertServicePackages */ INSERT INTO service_packages (name, category, description)
       SELECT name, category, description FROM unnest($1::varchar[], $2::varchar[], $3::text[]) WITH ORDINALITY AS t(name, category, description, n) ORDER BY n
       RETURNING id`,
      [rows.map((r) => r.name), rows.map((r) => r.category), rows.map((r) => r.description)],
    );
    return ascending(inserted.map((r) => r.id));
  }

  /** Inserts offers with their packages (two statements); returns how many offers. */
  async insertOffers(rows: readonly NewPackageOffer[]): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted: { id: string }[] = await this.manager.query(
      `/* insertPackageOffers */ INSERT INTO package_offers (kind, name, address, lat, lng, station_id, social_organization_id)
       SELECT kind, name, address, lat, lng, station_id, social_organization_id
       FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::float8[], $5::float8[], $6::bigint[], $7::bigint[])
         WITH ORDINALITY AS t(kind, name, address, lat, lng, station_id, social_organization_id, n)
       ORDER BY n
       RETURNING id`,
      [
        rows.map((r) => r.kind),
        rows.map((r) => r.name),
        rows.map((r) => r.address),
        rows.map((r) => r.lat),
        rows.map((r) => r.lng),
        rows.map((r) => r.stationId),
        rows.map((r) => r.socialOrganizationId),
      ],
    );
    // Identity values are drawn in insertion order (ORDER BY n): ascending ids are the input order.
    const ids = ascending(inserted.map((r) => r.id));
    const links = rows.flatMap((r, i) => [...new Set(r.packageIds)].map((packageId) => [ids[i], packageId] as const));
    await this.manager.query(`/* insertPackageOfferPackages */ INSERT INTO package_offer_packages (offer_id, package_id) SELECT * FROM unnest($1::bigint[], $2::bigint[])`, [
      links.map((l) => l[0]),
      links.map((l) => l[1]),
    ]);
    return ids.length;
  }
}

function ascending(ids: string[]): string[] {
  return ids
    .map((id) => BigInt(id))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map(String);
}

function offerFromRow(row: Record<string, unknown>): PackageOffer {
  return Object.assign(new PackageOffer(), {
    id: String(row.id),
    kind: row.kind as PackageOfferKind,
    name: row.name as string,
    address: row.address as string,
    lat: Number(row.lat),
    lng: Number(row.lng),
    stationId: row.station_id == null ? null : String(row.station_id),
    socialOrganizationId: row.social_organization_id == null ? null : String(row.social_organization_id),
    createdAt: row.created_at as Date,
  });
}

function packageFromRow(row: Record<string, unknown>): ServicePackage {
  return Object.assign(new ServicePackage(), {
    id: String(row.id),
    name: row.name as string,
    category: row.category as ServicePackageCategory,
    description: row.description as string,
    createdAt: row.created_at as Date,
  });
}
