import type { EntityManager } from 'typeorm';
import { Region } from './region.entity';

/** Reads the region tree (reference data, written only by the seed; served from RegionDirectory). */
export class RegionRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Every region, ordered by code. */
  all(): Promise<Region[]> {
    return this.manager.getRepository(Region).createQueryBuilder('r').comment('allRegions').orderBy('r.code').getMany();
  }
}

/**
 * Region codes are hierarchical: every region below a county or town has a code starting with the
 * county's or town's code, and every county of a city starts with the city's first four digits.
 * This is the prefix that matches a region "or anywhere below it".
 */
export function regionCodePrefix(region: Pick<Region, 'code' | 'level'>): string {
  return region.level === 'CITY' ? region.code.slice(0, 4) : region.code;
}
