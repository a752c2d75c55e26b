import DataLoader from 'dataloader';
import { batchByKey, batchGroupsByKey } from '@vg/graphql';
import type { CatalogueItem } from './catalogue-item.entity';
import type { AwardeeKind, Commendation } from './commendation.entity';
import type { AccountTotals } from './points.repository';
import type { PointsLedgerEntry } from './points-ledger-entry.entity';
import type { Redemption } from './redemption.entity';
import type { RedemptionPoint } from './redemption-point.entity';
import type { Repositories } from './repositories';
import type { StarCertification } from './star-certification.entity';

/*
 * Every DataLoader of the service, one set per request (made in the context), so caches never
 * outlive a request or leak between viewers. Each loader issues one statement per batch whatever
 * the number of keys, returns one result per key in key order (null / [] / 0 where nothing
 * matches), and de-duplicates keys. One section per area.
 */

// ---- The points loop -------------------------------------------------------------------------
export interface PointsLoaders {
  /** Recorded hours as credited from the feed (0 for a volunteer never credited). */
  recordedHours: DataLoader<string, number>;
  /** The account totals (zeros for a volunteer who never had points). */
  pointsAccount: DataLoader<string, AccountTotals>;
  /** Ledger entries per volunteer. */
  ledgerCount: DataLoader<string, number>;
  /** A page of a volunteer's ledger, newest first: keyed by `ledgerPageKey(volunteerId, limit, beforeId)`. */
  ledgerPage: DataLoader<string, PointsLedgerEntry[]>;
  /** Points of the balance expiring by a date: keyed by `expiringKey(volunteerId, until)`. */
  pointsExpiring: DataLoader<string, number>;
}

/** The key of ledgerPage. */
export const ledgerPageKey = (volunteerId: string, limit: number, beforeId?: string | null): string => `${volunteerId}|${limit}|${beforeId ?? ''}`;

/** The key of pointsExpiring. */
export const expiringKey = (volunteerId: string, until: string): string => `${volunteerId}@${until}`;

function createPointsLoaders(repos: Repositories): PointsLoaders {
  const zero = (volunteerId: string): AccountTotals => ({ volunteerId, balance: 0, earned: 0, spent: 0, expired: 0 });
  return {
    recordedHours: new DataLoader(async (ids) => batchByKey(ids, await repos.feed.hoursOf(ids), (h) => h.volunteerId).map((h) => h?.hours ?? 0)),
    pointsAccount: new DataLoader(async (ids) => batchByKey(ids, await repos.points.accountsOf(ids), (a) => a.volunteerId).map((a, i) => a ?? zero(ids[i]))),
    ledgerCount: new DataLoader(async (ids) => batchByKey(ids, await repos.points.ledgerCounts(ids), (c) => c.volunteerId).map((c) => c?.count ?? 0)),
    ledgerPage: new DataLoader(async (keys) => {
      const pages = keys.map((key) => {
        const [volunteerId, limit, beforeId] = key.split('|');
        return { volunteerId, limit: Number(limit), beforeId: beforeId || null };
      });
      return repos.points.ledgerPages(pages);
    }),
    pointsExpiring: new DataLoader(async (keys) => {
      // One statement per distinct date (a request asks for one or two).
      const byUntil = new Map<string, string[]>();
      for (const key of keys) {
        const [id, until] = key.split('@');
        byUntil.set(until, [...(byUntil.get(until) ?? []), id]);
      }
      const points = new Map<string, number>();
      for (const [until, ids] of byUntil) for (const row of await repos.points.expiringBy(ids, until)) points.set(expiringKey(row.volunteerId, until), row.points);
      return keys.map((key) => points.get(key) ?? 0);
    }),
  };
}

// ---- Certifications and commendations --------------------------------------------------------
export interface CertificationLoaders {
  /** Every certificate of a volunteer, newest first (revoked ones included). */
  certificationsOfVolunteer: DataLoader<string, StarCertification[]>;
  commendation: DataLoader<string, Commendation | null>;
  /** By `KIND:id` (awardeeKey), newest year first. */
  commendationsOfAwardee: DataLoader<string, Commendation[]>;
}

/** The key of commendationsOfAwardee. */
export const awardeeKey = (kind: AwardeeKind, id: string): string => `${kind}:${id}`;

function createCertificationLoaders(repos: Repositories): CertificationLoaders {
  return {
    certificationsOfVolunteer: new DataLoader(async (ids) => batchGroupsByKey(ids, await repos.certifications.ofVolunteers(ids), (c) => c.volunteerId)),
    commendation: new DataLoader(async (ids) => batchByKey(ids, await repos.commendations.byIds(ids), (c) => c.id)),
    commendationsOfAwardee: new DataLoader(async (keys) => {
      const awardees = keys.map((key) => {
        const [kind, id] = key.split(':');
        return { kind: kind as AwardeeKind, id };
      });
      return batchGroupsByKey(keys, await repos.commendations.ofAwardees(awardees), (c) => awardeeKey(c.awardeeKind, c.awardeeId));
    }),
  };
}

// ---- Redemption points -----------------------------------------------------------------------
export interface RedemptionLoaders {
  redemptionPoint: DataLoader<string, RedemptionPoint | null>;
  catalogueItem: DataLoader<string, CatalogueItem | null>;
  /** A point's catalogue, cheapest first. */
  catalogueOfPoint: DataLoader<string, CatalogueItem[]>;
  redemption: DataLoader<string, Redemption | null>;
}

function createRedemptionLoaders(repos: Repositories): RedemptionLoaders {
  const catalogueItem: RedemptionLoaders['catalogueItem'] = new DataLoader(async (ids) => batchByKey(ids, await repos.redemptionPoints.itemsByIds(ids), (i) => i.id));
  return {
    redemptionPoint: new DataLoader(async (ids) => batchByKey(ids, await repos.redemptionPoints.byIds(ids), (p) => p.id)),
    catalogueItem,
    catalogueOfPoint: new DataLoader(async (ids) => {
      const items = await repos.redemptionPoints.catalogueOf(ids);
      for (const item of items) catalogueItem.prime(item.id, item);
      return batchGroupsByKey(ids, items, (i) => i.pointId);
    }),
    redemption: new DataLoader(async (ids) => batchByKey(ids, await repos.redemptions.byIds(ids), (r) => r.id)),
  };
}

export type Loaders = PointsLoaders & CertificationLoaders & RedemptionLoaders;

export function createLoaders(repos: Repositories): Loaders {
  return { ...createPointsLoaders(repos), ...createCertificationLoaders(repos), ...createRedemptionLoaders(repos) };
}
