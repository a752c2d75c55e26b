import type { DataSource } from 'typeorm';
import { sql } from '@vg/db';
import type { Pii } from '../domain/pii';
import { type DemoDataOptions, generateDemoData } from './generate';
import { type InsertedCounts, writeDemoData, writeRegions } from './insert';
import { regionRows } from './regions';

export { DEFAULT_DEMO_DATA_OPTIONS, generateDemoData, type DemoData, type DemoDataOptions } from './generate';
export { insertDemoData, type InsertedCounts, type InsertOptions } from './insert';
export { regionRows, type RegionRow } from './regions';

export type SeedResult = { seeded: false } | ({ seeded: true } & InsertedCounts);

type Queryable = Pick<DataSource, 'query'>;

/**
 * Fills an empty volunteers database with demo data (`generateDemoData(options)`), in one
 * transaction. A database whose `regions` table has any row counts as not empty — reference data
 * may be real — and is left alone: `{ seeded: false }`. Concurrent callers are serialised by an
 * advisory lock, so exactly one of them seeds.
 */
export async function seedVolunteersDatabase(dataSource: DataSource, pii: Pii, options: Partial<DemoDataOptions> = {}): Promise<SeedResult> {
  if (await hasRegions(dataSource)) return { seeded: false };
  const data = generateDemoData(options);
  return dataSource.transaction(async (manager): Promise<SeedResult> => {
    await manager.query(sql('seedLock', `SELECT pg_advisory_xact_lock(hashtext('volunteers.seed'))`));
    if (await hasRegions(manager)) return { seeded: false };
    return { seeded: true, ...(await writeDemoData(manager, data, pii)) };
  });
}

/**
 * Inserts only Zibo's region tree (for tests that need regions and nothing else). Idempotent:
 * existing codes are skipped. Returns how many regions were new.
 */
export async function seedRegions(dataSource: DataSource): Promise<number> {
  return dataSource.transaction((manager) => writeRegions(manager, regionRows()));
}

async function hasRegions(db: Queryable): Promise<boolean> {
  const [row]: { found: boolean }[] = await db.query(sql('seedHasRegions', 'SELECT EXISTS (SELECT 1 FROM regions) AS found'));
  return row.found;
}
