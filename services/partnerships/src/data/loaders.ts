import type { Repositories } from './repositories';

/*
 * Every DataLoader of the service, one set per request (made in the context), so caches never
 * outlive a request or leak between viewers. Each loader issues one statement per batch whatever
 * the number of keys, returns one result per key in key order (null / [] where nothing matches),
 * and de-duplicates keys. One section per area.
 */

// ---- Organisations and orders ----------------------------------------------------------------
export interface OrderLoaders {}

function createOrderLoaders(repos: Repositories): OrderLoaders {
  void repos;
  return {};
}

// ---- Deliveries --------------------------------------------------------------------------------
export interface DeliveryLoaders {}

function createDeliveryLoaders(repos: Repositories): DeliveryLoaders {
  void repos;
  return {};
}

// ---- New-employment groups and community funds -------------------------------------------------
export interface CommunityLoaders {}

function createCommunityLoaders(repos: Repositories): CommunityLoaders {
  void repos;
  return {};
}

export type Loaders = OrderLoaders & DeliveryLoaders & CommunityLoaders;

export function createLoaders(repos: Repositories): Loaders {
  return { ...createOrderLoaders(repos), ...createDeliveryLoaders(repos), ...createCommunityLoaders(repos) };
}
