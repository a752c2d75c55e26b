import type { Repositories } from './repositories';

/*
 * Every DataLoader of the service, one set per request (made in the context), so caches never
 * outlive a request or leak between viewers. Each loader issues one statement per batch whatever
 * the number of keys, returns one result per key in key order (null / [] / 0 where nothing
 * matches), and de-duplicates keys. One section per area.
 */

// ---- The points loop -------------------------------------------------------------------------
export interface PointsLoaders {}

function createPointsLoaders(repos: Repositories): PointsLoaders {
  void repos;
  return {};
}

// ---- Certifications and commendations --------------------------------------------------------
export interface CertificationLoaders {}

function createCertificationLoaders(repos: Repositories): CertificationLoaders {
  void repos;
  return {};
}

// ---- Redemption points -----------------------------------------------------------------------
export interface RedemptionLoaders {}

function createRedemptionLoaders(repos: Repositories): RedemptionLoaders {
  void repos;
  return {};
}

export type Loaders = PointsLoaders & CertificationLoaders & RedemptionLoaders;

export function createLoaders(repos: Repositories): Loaders {
  return { ...createPointsLoaders(repos), ...createCertificationLoaders(repos), ...createRedemptionLoaders(repos) };
}
