import type { DataSource } from 'typeorm';
import { sql } from '@vg/db';
import type { SubgraphClient } from '@vg/graphql';
import type { Logger } from '@vg/logger';
import { ContactCipher, type ContactKeys } from '../domain/contact';
import { learnVolunteersFacts } from './facts';
import { generateProjectsDemoData, type ProjectsDemoOptions } from './generate';
import { type InsertedCounts, writeProjectsDemoData } from './insert';

export { learnVolunteersFacts, type VolunteersFacts, type VolunteersSource } from './facts';
export { DEFAULT_PROJECTS_DEMO_OPTIONS, generateProjectsDemoData, type ProjectsDemoData, type ProjectsDemoOptions } from './generate';
export { writeProjectsDemoData, type InsertedCounts } from './insert';

export type ProjectsSeedResult = { seeded: false } | { seeded: true; [table: string]: number | boolean };

export interface ProjectsSeedOptions extends Partial<ProjectsDemoOptions> {
  contactKeys: ContactKeys;
  logger: Logger;
  /** How long to wait for the volunteers subgraph to answer with teams and stations (60 s). */
  waitForVolunteersMs?: number;
  retryDelayMs?: number;
  /** Rows per INSERT statement. */
  chunkSize?: number;
}

type Queryable = Pick<DataSource, 'query'>;

/**
 * Fills an empty projects database with demo data (`generateProjectsDemoData`) referring to the
 * teams, stations and volunteers the volunteers subgraph has — asked over GraphQL, waiting for it
 * while it starts or seeds. A database with any brand counts as not empty and is left alone
 * (`{ seeded: false }`), as is everything when the volunteers subgraph has nothing to refer to.
 * Everything is written in one transaction; concurrent callers are serialised by an advisory lock,
 * so exactly one of them seeds. Returns the rows written per table.
 */
export async function seedProjectsDatabase(dataSource: DataSource, volunteersClient: Pick<SubgraphClient, 'request'>, options: ProjectsSeedOptions): Promise<ProjectsSeedResult> {
  const { contactKeys, logger, waitForVolunteersMs, retryDelayMs, chunkSize, ...demo } = options;
  if (await hasBrands(dataSource)) return { seeded: false };

  const started = Date.now();
  const facts = await learnVolunteersFacts(volunteersClient, { logger, waitMs: waitForVolunteersMs, retryDelayMs });
  if (!facts) {
    logger.warn('seed: the volunteers subgraph has no teams or stations, so there is nothing for demo projects to refer to');
    return { seeded: false };
  }
  const learned = Date.now();
  const data = generateProjectsDemoData(facts, demo);
  const generated = Date.now();

  const result = await dataSource.transaction(async (manager): Promise<ProjectsSeedResult> => {
    await manager.query(sql('seedLock', `SELECT pg_advisory_xact_lock(hashtext('projects.seed'))`));
    if (await hasBrands(manager)) return { seeded: false };
    const counts: InsertedCounts = await writeProjectsDemoData(manager, data, new ContactCipher(contactKeys), chunkSize);
    return { seeded: true, ...counts };
  });
  logger.info(
    { learnMs: learned - started, generateMs: generated - learned, writeMs: Date.now() - generated, teams: facts.teams.length, stations: facts.stations.length, volunteers: facts.volunteers.length },
    'seed: projects demo data timings',
  );
  return result;
}

async function hasBrands(db: Queryable): Promise<boolean> {
  const [row]: { found: boolean }[] = await db.query(sql('seedHasBrands', 'SELECT EXISTS (SELECT 1 FROM brands) AS found'));
  return row.found;
}
