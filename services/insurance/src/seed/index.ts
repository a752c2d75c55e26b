import type { DataSource, EntityManager } from 'typeorm';
import { sql } from '@vg/db';
import type { SubgraphClient } from '@vg/graphql';
import type { Logger } from '@vg/logger';
import type { StoredItemResult } from '../data/enrolment-batch.entity';
import { chinaToday } from '../domain/dates';
import type { IdentityHasher } from '../domain/identity';
import { ensurePlanCatalogue } from './catalogue';
import { generateDemoEnrolments, type DemoEnrolment, type VolunteerFact } from './demo';

export { CITY_PLAN_CODE, PLAN_CATALOGUE, ensurePlanCatalogue, type PlanSpec } from './catalogue';
export { generateDemoEnrolments, type DemoEnrolment, type VolunteerFact } from './demo';

/** Anything that answers GraphQL like the volunteers subgraph (a SubgraphClient, or a test fake). */
export type VolunteersSource = Pick<SubgraphClient, 'request'>;

export interface InsuranceSeedOptions {
  logger: Logger;
  /** Fingerprints the seed's batches like the insurer's (no insurer's batch can match them). */
  hasher: IdentityHasher;
  /** China date the demo cover is for (today). */
  today?: string;
  /** How long to wait for the volunteers subgraph to list volunteers (60 s). */
  waitForVolunteersMs?: number;
  retryDelayMs?: number;
}

export type InsuranceSeedResult = { seeded: false } | { seeded: true; batches: number; enrolments: number };

const BATCH_SIZE = 1000;
const VOLUNTEERS = `query SeedVolunteers($after: String) { volunteers(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id volunteerNo status } } } }`;

/**
 * Demo enrolments for the volunteers the volunteers subgraph lists (asked over GraphQL, waiting
 * while it starts or seeds), as batches of at most 1,000 items like the insurer's, with their
 * results. Needs the plan catalogue. A database with any enrolment is left alone; concurrent
 * callers are serialised by an advisory lock, so exactly one of them seeds.
 */
export async function seedInsuranceDatabase(dataSource: DataSource, volunteers: VolunteersSource, options: InsuranceSeedOptions): Promise<InsuranceSeedResult> {
  if (await hasEnrolments(dataSource)) return { seeded: false };
  const facts = await learnVolunteers(volunteers, options);
  if (facts.length === 0) {
    options.logger.warn('seed: the volunteers subgraph lists no volunteers, so there is nobody to insure');
    return { seeded: false };
  }
  const enrolments = generateDemoEnrolments(facts, options.today ?? chinaToday());
  return dataSource.transaction(async (manager): Promise<InsuranceSeedResult> => {
    await manager.query(sql('seedLock', `SELECT pg_advisory_xact_lock(hashtext('insurance.seed'))`));
    if (await hasEnrolments(manager)) return { seeded: false };
    await ensurePlanCatalogue(manager);
    return { seeded: true, ...(await writeDemoEnrolments(manager, enrolments, options.hasher)) };
  });
}

async function hasEnrolments(db: Pick<EntityManager, 'query'>): Promise<boolean> {
  const [row]: { found: boolean }[] = await db.query(sql('seedHasEnrolments', 'SELECT EXISTS (SELECT 1 FROM enrolments) AS found'));
  return row.found;
}

/** Every volunteer (pages of 100), asking again while the subgraph fails or lists nobody yet. */
async function learnVolunteers(source: VolunteersSource, { logger, waitForVolunteersMs = 60_000, retryDelayMs = 2_000 }: InsuranceSeedOptions): Promise<VolunteerFact[]> {
  const deadline = Date.now() + waitForVolunteersMs;
  for (let attempt = 1; ; attempt += 1) {
    let failure: unknown = null;
    try {
      const all: VolunteerFact[] = [];
      for (let after: string | null = null; ;) {
        const data: { volunteers: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: VolunteerFact }[] } } = await source.request(VOLUNTEERS, { after });
        all.push(...data.volunteers.edges.map((e) => e.node));
        if (!data.volunteers.pageInfo.hasNextPage || !data.volunteers.pageInfo.endCursor) break;
        after = data.volunteers.pageInfo.endCursor;
      }
      if (all.length > 0) return all;
      logger.info({ attempt }, 'seed: the volunteers subgraph lists no volunteers yet');
    } catch (error) {
      failure = error;
      logger.info({ attempt, err: (error as Error).message }, 'seed: the volunteers subgraph did not answer yet');
    }
    if (Date.now() + retryDelayMs > deadline) {
      if (failure) throw new Error(`seed: the volunteers subgraph did not answer within ${waitForVolunteersMs} ms: ${(failure as Error).message}`);
      return [];
    }
    await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
  }
}

/** Three statements whatever the number: the batches, the enrolments, the batches' results. */
async function writeDemoEnrolments(db: Pick<EntityManager, 'query'>, enrolments: DemoEnrolment[], hasher: IdentityHasher): Promise<{ batches: number; enrolments: number }> {
  const batches: { batchId: string; planCode: string; items: DemoEnrolment[] }[] = [];
  for (const planCode of [...new Set(enrolments.map((e) => e.planCode))]) {
    const ofPlan = enrolments.filter((e) => e.planCode === planCode);
    for (let i = 0; i < ofPlan.length; i += BATCH_SIZE) {
      batches.push({ batchId: `SEED-${planCode}-${String(i / BATCH_SIZE + 1).padStart(3, '0')}`, planCode, items: ofPlan.slice(i, i + BATCH_SIZE) });
    }
  }
  if (batches.length === 0) return { batches: 0, enrolments: 0 };
  await db.query(
    sql(
      'seedBatches',
      `INSERT INTO enrolment_batches (batch_id, plan_id, content_hash, item_count, submitted_by)
      SELECT t.batch_id, p.id, t.content_hash, t.item_count, 'seed'
      FROM unnest($1::varchar[], $2::varchar[], $3::char(64)[], $4::int[]) AS t(batch_id, plan_code, content_hash, item_count)
      JOIN insurance_plans p ON p.code = t.plan_code`,
    ),
    [batches.map((b) => b.batchId), batches.map((b) => b.planCode), batches.map((b) => hasher.batchContentHash(`seed:${b.batchId}`)), batches.map((b) => b.items.length)],
  );
  const items = batches.flatMap((b) => b.items.map((e, index) => ({ ...e, batchId: b.batchId, index })));
  const inserted: { id: string; batch_id: string; batch_item: number }[] = await db.query(
    sql(
      'seedEnrolments',
      `INSERT INTO enrolments (volunteer_id, volunteer_no, plan_id, policy_number, cover_start, cover_end, status, batch_id, batch_item,
        enrolled_by, cancelled_at, cancelled_by, cancel_reason)
      SELECT t.volunteer_id, t.volunteer_no, p.id, t.policy_number, t.cover_start, t.cover_end, CASE WHEN t.cancelled THEN 'CANCELLED' ELSE 'ACTIVE' END,
        t.batch_id, t.batch_item, 'seed', CASE WHEN t.cancelled THEN now() END, CASE WHEN t.cancelled THEN 'seed' END, CASE WHEN t.cancelled THEN '志愿者注销' END
      FROM unnest($1::bigint[], $2::varchar[], $3::varchar[], $4::varchar[], $5::date[], $6::date[], $7::boolean[], $8::varchar[], $9::int[])
        AS t(volunteer_id, volunteer_no, plan_code, policy_number, cover_start, cover_end, cancelled, batch_id, batch_item)
      JOIN insurance_plans p ON p.code = t.plan_code
      RETURNING id, batch_id, batch_item`,
    ),
    [
      items.map((e) => e.volunteerId),
      items.map((e) => e.volunteerNo),
      items.map((e) => e.planCode),
      items.map((e) => e.policyNumber),
      items.map((e) => e.coverStart),
      items.map((e) => e.coverEnd),
      items.map((e) => e.cancelled),
      items.map((e) => e.batchId),
      items.map((e) => e.index),
    ],
  );
  const ids = new Map(inserted.map((r) => [`${r.batch_id}|${r.batch_item}`, String(r.id)]));
  const results = batches.map((b) =>
    JSON.stringify(
      b.items.map((e, index): StoredItemResult => ({ index, volunteerNo: e.volunteerNo, status: 'ENROLLED', reason: null, message: null, enrolmentId: ids.get(`${b.batchId}|${index}`)! })),
    ),
  );
  await db.query(sql('seedBatchResults', `UPDATE enrolment_batches b SET results = r.results FROM unnest($1::varchar[], $2::jsonb[]) AS r(batch_id, results) WHERE b.batch_id = r.batch_id`), [
    batches.map((b) => b.batchId),
    results,
  ]);
  return { batches: batches.length, enrolments: inserted.length };
}
