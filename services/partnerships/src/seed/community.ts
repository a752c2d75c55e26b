import { Random } from '@vg/random';
import type { ServiceDeps } from '@vg/service';
import type { SubgraphClient } from '@vg/graphql';
import type { FundMovement } from '../data/fund-movement.entity';
import { FundRepository } from '../data/fund.repository';
import { NewEmploymentRepository, type NewSnapshotReport } from '../data/new-employment.repository';
import { PackageRepository, type NewPackageOffer } from '../data/package.repository';
import type { NewEmploymentOccupation, ServicePackageCategory } from '../generated/graphql';
import {
  CATEGORIES_OF_SERVICE_TYPE,
  COUNTIES,
  DEMO_EXTENT,
  DONATION_REASONS,
  GIVEN_NAMES,
  GRANT_REASONS,
  OCCUPATIONS,
  PACKAGES,
  ROADS,
  SHOP_CATEGORIES,
  SHOP_NAMES,
  SNAPSHOTS,
  STATION_CATEGORIES,
  SURNAMES,
} from './community-data';

const SEED = 20_251_209;
/** The brief: 112 communities' funds, about ¥12.6 M raised in all. */
export const COMMUNITY_FUNDS = 112;
export const RAISED_FEN = 1_260_000_000;
const SHOPS = 95;
const STATIONS = 35;
const ORGANIZATIONS = 20;
const NEW_EMPLOYMENT_VOLUNTEERS = 24;
const BY = 'seed:partnerships';

type Deps = Pick<ServiceDeps<unknown>, 'dataSource' | 'clients'>;

/**
 * The service-package catalogue with ~150 offers (千店联盟 shops, the volunteers subgraph's
 * stations, this service's social organisations), a few new-employment volunteers with 随手拍
 * reports, and 112 community funds with their ledgers. Each part is written only when its tables
 * are empty; deterministic for a given state of the other subgraphs.
 */
export async function seedCommunity(deps: Deps): Promise<object> {
  const rng = new Random(SEED);
  const { dataSource, clients } = deps;
  const result: Record<string, number> = {};
  if (!(await new PackageRepository(dataSource.manager).any())) {
    const [stations, volunteerIds] = await Promise.all([stationsOf(clients.volunteers), volunteerIdsOf(clients.volunteers)]);
    const organizations: OrganizationRow[] = await dataSource.query(
      `/* seedOrganizationsForOffers */ SELECT id, name, address, region_code, service_types FROM social_organizations ORDER BY id LIMIT ${ORGANIZATIONS}`,
    );
    await dataSource.transaction(async (manager) => {
      const packages = new PackageRepository(manager);
      const ids = await packages.insertPackages(PACKAGES);
      const byCategory = new Map<ServicePackageCategory, string[]>();
      PACKAGES.forEach((p, i) => byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), ids[i]]));
      const offers = [...shopOffers(rng, byCategory), ...stationOffers(rng, stations, byCategory), ...organizationOffers(rng, organizations, byCategory)];
      result.servicePackages = ids.length;
      result.packageOffers = await packages.insertOffers(offers);
      const { volunteers, reports } = newEmploymentVolunteers(rng, volunteerIds);
      await new NewEmploymentRepository(manager).insertMany(volunteers, reports);
      result.newEmploymentVolunteers = volunteers.length;
      result.snapshotReports = reports.length;
    });
  }
  if (!(await new FundRepository(dataSource.manager).any())) {
    const [communities, requestIds, projectIds] = await Promise.all([
      communitiesOf(clients.volunteers, rng),
      existingIds(clients.projects, 'ServiceRequest', 300),
      existingIds(clients.projects, 'Project', 200),
    ]);
    const enterpriseIds: string[] = (await dataSource.query(`/* seedEnterprisesForDonations */ SELECT id FROM enterprises ORDER BY id`)).map((r: { id: string }) => String(r.id));
    await dataSource.transaction(async (manager) => {
      const funds = new FundRepository(manager);
      const fundIds = await funds.insertFunds(communities.map((c) => ({ name: `${c.name}社区发展基金`, regionCode: c.code })));
      const ledger = fundLedgers(rng, fundIds, enterpriseIds, requestIds, projectIds);
      await funds.insertLedger(ledger);
      result.communityFunds = fundIds.length;
      result.fundMovements = ledger.length;
      result.fundsRaisedYuan = ledger.filter((m) => m.kind === 'DONATION').reduce((sum, m) => sum + m.amountFen, 0) / 100;
    });
  }
  return result;
}

interface OrganizationRow {
  id: string;
  name: string;
  address: string | null;
  region_code: string;
  service_types: string[];
}
interface StationFacts {
  id: string;
  name: string;
  address: string;
  location: { lat: number; lng: number };
}

async function stationsOf(volunteers: SubgraphClient): Promise<StationFacts[]> {
  const data = await volunteers.request<{ stations: { edges: { node: StationFacts }[] } }>(`{ stations(first: ${STATIONS}) { edges { node { id name address location { lat lng } } } } }`);
  return data.stations.edges.map((e) => e.node);
}

async function volunteerIdsOf(volunteers: SubgraphClient): Promise<string[]> {
  const data = await volunteers.request<{ volunteers: { edges: { node: { id: string } }[] } }>(`{ volunteers(first: 100) { edges { node { id } } } }`);
  return data.volunteers.edges.map((e) => e.node.id);
}

/** 112 communities (villages and residents' communities) spread over the city; towns if there are too few. */
async function communitiesOf(volunteers: SubgraphClient, rng: Random): Promise<{ code: string; name: string }[]> {
  const data = await volunteers.request<{ villages: { code: string; name: string }[]; towns: { code: string; name: string }[] }>(
    `{ villages: regions(level: VILLAGE) { code name } towns: regions(level: TOWN) { code name } }`,
  );
  const pool = data.villages.length >= COMMUNITY_FUNDS ? data.villages : [...data.villages, ...data.towns];
  return rng.sample(pool, Math.min(COMMUNITY_FUNDS, pool.length)).sort((a, b) => a.code.localeCompare(b.code));
}

/** Which of ids 1..`upTo` the projects subgraph has (one `_entities` call): grants pay for real ones. */
async function existingIds(projects: SubgraphClient, typename: 'ServiceRequest' | 'Project', upTo: number): Promise<string[]> {
  const r = Array.from({ length: upTo }, (_, i) => ({ __typename: typename, id: String(i + 1) }));
  const data = await projects.request<{ _entities: ({ id: string } | null)[] }>(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { id } } }`, { r });
  return data._entities.filter((e): e is { id: string } => e != null).map((e) => e.id);
}

function within(rng: Random, [lat, lng]: readonly [number, number], spread: number): { lat: number; lng: number } {
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  return {
    lat: Number(clamp(lat + (rng.next() - 0.5) * spread, DEMO_EXTENT.minLat, DEMO_EXTENT.maxLat).toFixed(6)),
    lng: Number(clamp(lng + (rng.next() - 0.5) * spread, DEMO_EXTENT.minLng, DEMO_EXTENT.maxLng).toFixed(6)),
  };
}

function packagesFor(rng: Random, categories: readonly ServicePackageCategory[], byCategory: Map<ServicePackageCategory, string[]>, count: number): string[] {
  const chosen = new Set<string>();
  for (let i = 0; i < count * 3 && chosen.size < count; i++) chosen.add(rng.pick(byCategory.get(rng.pick(categories)) ?? []));
  return [...chosen].filter(Boolean);
}

function shopOffers(rng: Random, byCategory: Map<ServicePackageCategory, string[]>): NewPackageOffer[] {
  return Array.from({ length: SHOPS }, (_, i) => {
    const county = COUNTIES[i % COUNTIES.length];
    const street = rng.pick(county.streets);
    return {
      kind: 'SHOP' as const,
      name: `${rng.pick(SHOP_NAMES)(rng.pick(SURNAMES), street)}`,
      address: `淄博市${county.name}${street}${rng.pick(ROADS)}${rng.int(1, 300)}号`,
      ...within(rng, county.seat, 0.08),
      stationId: null,
      socialOrganizationId: null,
      packageIds: packagesFor(rng, SHOP_CATEGORIES, byCategory, rng.int(2, 5)),
    };
  });
}

function stationOffers(rng: Random, stations: readonly StationFacts[], byCategory: Map<ServicePackageCategory, string[]>): NewPackageOffer[] {
  return stations.map((s) => ({
    kind: 'STATION' as const,
    name: s.name.slice(0, 100),
    address: s.address.slice(0, 200),
    lat: s.location.lat,
    lng: s.location.lng,
    stationId: s.id,
    socialOrganizationId: null,
    packageIds: packagesFor(rng, STATION_CATEGORIES, byCategory, rng.int(3, 6)),
  }));
}

/** Organisations have no coordinates of their own: they are placed near their county's seat. */
function organizationOffers(rng: Random, organizations: readonly OrganizationRow[], byCategory: Map<ServicePackageCategory, string[]>): NewPackageOffer[] {
  return organizations.map((o) => {
    const county = COUNTIES.find((c) => o.region_code.startsWith(c.code)) ?? COUNTIES[0];
    const categories = o.service_types.flatMap((t) => CATEGORIES_OF_SERVICE_TYPE[t] ?? []);
    return {
      kind: 'ORGANIZATION' as const,
      name: o.name.slice(0, 100),
      address: (o.address ?? `淄博市${county.name}${rng.pick(county.streets)}${rng.pick(ROADS)}${rng.int(1, 300)}号`).slice(0, 200),
      ...within(rng, county.seat, 0.05),
      stationId: null,
      socialOrganizationId: String(o.id),
      packageIds: packagesFor(rng, categories.length ? categories : ['EMPLOYMENT'], byCategory, rng.int(1, 3)),
    };
  });
}

function newEmploymentVolunteers(
  rng: Random,
  volunteerIds: readonly string[],
): { volunteers: { volunteerId: string; occupation: NewEmploymentOccupation; by: string }[]; reports: NewSnapshotReport[] } {
  const chosen = rng.sample(volunteerIds, Math.min(NEW_EMPLOYMENT_VOLUNTEERS, volunteerIds.length));
  const volunteers = chosen.map((volunteerId) => ({ volunteerId, occupation: rng.weighted(OCCUPATIONS), by: BY }));
  const now = Date.now();
  const reports = chosen.flatMap((volunteerId) =>
    Array.from({ length: rng.int(0, 6) }, () => ({
      volunteerId,
      description: rng.pick(SNAPSHOTS),
      ...within(rng, rng.pick(COUNTIES).seat, 0.06),
      reportedAt: new Date(now - rng.int(1, 180) * 86_400_000 - rng.int(0, 86_399) * 1000),
    })),
  );
  return { volunteers, reports };
}

/**
 * Each fund's ledger in time order: donations (enterprises and people) adding up to its share of
 * RAISED_FEN, then grants for service requests or projects that never take more than the balance
 * left. The balance after each movement is computed as it goes, so the ledger and the totals agree.
 */
function fundLedgers(rng: Random, fundIds: readonly string[], enterpriseIds: readonly string[], requestIds: readonly string[], projectIds: readonly string[]): Omit<FundMovement, 'id'>[] {
  const weights = fundIds.map(() => 0.4 + rng.next() * 1.2);
  const total = weights.reduce((a, b) => a + b, 0);
  // Whole yuan per fund; the last fund takes the rounding so the city's sum is exact.
  const shares = weights.map((w) => Math.round((RAISED_FEN * w) / total / 100) * 100);
  shares[shares.length - 1] += RAISED_FEN - shares.reduce((a, b) => a + b, 0);
  const start = Date.UTC(2025, 0, 6);
  const ledger: Omit<FundMovement, 'id'>[] = [];
  fundIds.forEach((fundId, f) => {
    let at = start + rng.int(0, 60) * 86_400_000;
    const tick = () => (at += rng.int(1, 20) * 86_400_000 + rng.int(0, 86_399) * 1000);
    const donations = rng.int(4, 10);
    let left = shares[f];
    let balance = 0;
    for (let d = 0; d < donations; d++) {
      const amountFen = d === donations - 1 ? left : Math.round((left * (0.1 + rng.next() * 0.3)) / 100) * 100;
      if (amountFen <= 0) continue;
      left -= amountFen;
      balance += amountFen;
      const fromEnterprise = enterpriseIds.length > 0 && rng.chance(0.4);
      ledger.push({
        fundId,
        kind: 'DONATION',
        amountFen,
        balanceAfterFen: balance,
        donorKind: fromEnterprise ? 'ENTERPRISE' : 'PERSON',
        enterpriseId: fromEnterprise ? rng.pick(enterpriseIds) : null,
        donorName: fromEnterprise ? null : `${rng.pick(SURNAMES)}${rng.pick(GIVEN_NAMES)}`,
        serviceRequestId: null,
        projectId: null,
        reason: rng.pick(DONATION_REASONS),
        bySub: BY,
        at: new Date(tick()),
      });
    }
    if (requestIds.length + projectIds.length === 0) return;
    for (let g = rng.int(1, 5); g > 0 && balance > 100_00; g--) {
      const amountFen = Math.round((balance * (0.05 + rng.next() * 0.25)) / 100) * 100;
      balance -= amountFen;
      const forRequest = requestIds.length > 0 && (projectIds.length === 0 || rng.chance(0.6));
      ledger.push({
        fundId,
        kind: 'GRANT',
        amountFen,
        balanceAfterFen: balance,
        donorKind: null,
        enterpriseId: null,
        donorName: null,
        serviceRequestId: forRequest ? rng.pick(requestIds) : null,
        projectId: forRequest ? null : rng.pick(projectIds),
        reason: rng.pick(GRANT_REASONS),
        bySub: rng.chance(0.5) ? 'seed:government-funder' : 'seed:centre-dispatcher',
        at: new Date(tick()),
      });
    }
  });
  return ledger;
}
