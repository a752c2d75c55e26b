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
