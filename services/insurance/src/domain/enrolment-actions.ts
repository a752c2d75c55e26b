import { conflict } from '@vg/standards';
import { badUserInput, idArgument, notFound, requiredText, requireRole } from '@vg/graphql';
import type { InsuranceContext } from '../context';
import type { Enrolment } from '../data/enrolment.entity';
import type { EnrolmentBatch, StoredItemResult } from '../data/enrolment-batch.entity';
import type { NewEnrolment } from '../data/enrolment.repository';
import type { InsurancePlan } from '../data/insurance-plan.entity';
import type { Repositories } from '../data/repositories';
import type { EnrolVolunteersInput } from '../generated/graphql';
import { requireInsuranceStaff } from './access';
import { batchIdArgument, canonicalContent, decideItems, normaliseItem, numbersToCheck, type BatchItem, type ItemDecision } from './batch-items';
import { normalisePlanCode } from './plan-queries';

/** Most items in one batch. */
export const MAX_BATCH_ITEMS = 1000;
/** Attempts at the batch's transaction when PostgreSQL asks for a retry (deadlock, serialization). */
const ATTEMPTS = 3;

/** A transaction that lost a race it can win by starting over (see writeBatch). */
class RetryBatch extends Error {}

function isRetryable(error: unknown): boolean {
  const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
  return error instanceof RetryBatch || code === '40P01' || code === '40001';
}

/**
 * The insurer's batch enrolment. Everything that can be decided without writing is decided first
 * (form, identity — one call to the volunteers subgraph for the whole batch — and repeats within
 * the batch); then one transaction claims the batch id, inserts the accepted items in one
 * statement, asks in one more why any were refused, and stores the results with the batch. A batch
 * id seen before is answered from what was stored (same content) or refused (CONFLICT).
 */
export async function enrolVolunteers(ctx: InsuranceContext, input: EnrolVolunteersInput): Promise<EnrolmentBatch> {
  // Role before input: whoever may not enrol learns nothing of the batch rules from the answer.
  requireRole(ctx.viewer, 'enrol volunteers', 'INSURER');
  const batchId = batchIdArgument('input.batchId', input.batchId);
  const planCode = normalisePlanCode(requiredText('input.planCode', input.planCode, 32));
  if (input.items.length === 0) throw badUserInput('input.items', 'must hold at least one item');
  if (input.items.length > MAX_BATCH_ITEMS) throw badUserInput('input.items', `at most ${MAX_BATCH_ITEMS} items a batch, got ${input.items.length}: split it`);
  const items = input.items.map(normaliseItem);
  const contentHash = ctx.hasher.batchContentHash(canonicalContent(planCode, items));

  const earlier = await ctx.repos.batches.byBatchId(batchId);
  if (earlier) return answerAgain(earlier, contentHash);

  const [plan] = await ctx.repos.plans.byCodes([planCode]);
  if (!plan) throw badUserInput('input.planCode', `no plan has code ${planCode}`);
  const identities = await ctx.volunteers.identities(numbersToCheck(items));
  const decisions = decideItems(items, plan, identities, (idNumber) => ctx.hasher.idNumberHash(idNumber));

  const written = await writeBatch(ctx, { batchId, plan, contentHash, items, decisions });
  if (written) return written;
  // A concurrent request with this batch id committed first: answer as it did.
  const stored = await ctx.repos.batches.byBatchId(batchId);
  if (!stored) throw new Error(`batch ${batchId} was claimed but is not stored`);
  return answerAgain(stored, contentHash);
}

/** A retry: the stored answer when the content is the same; CONFLICT when it is not. */
function answerAgain(batch: EnrolmentBatch, contentHash: string): EnrolmentBatch {
  if (batch.contentHash !== contentHash) {
    throw conflict(`Batch ${batch.batchId} was already sent with different content: send new items under a new batch id`, 'BATCH_ID_REUSED');
  }
  return batch;
}

/**
 * The batch's transaction (retried when PostgreSQL detects a deadlock between concurrent
 * batches): null when the batch id turned out to be taken by a concurrent request.
 */
async function writeBatch(ctx: InsuranceContext, batch: { batchId: string; plan: InsurancePlan; contentHash: string; items: BatchItem[]; decisions: ItemDecision[] }): Promise<EnrolmentBatch | null> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await ctx.transaction((repos) => writeBatchOnce(repos, ctx.viewer.sub!, batch));
    } catch (error) {
      if (attempt < ATTEMPTS && isRetryable(error)) {
        ctx.logger.warn({ batchId: batch.batchId, attempt, err: (error as Error).message }, 'enrolment batch retried');
        continue;
      }
      throw error;
    }
  }
}

async function writeBatchOnce(repos: Repositories, submittedBy: string, { batchId, plan, contentHash, items, decisions }: Parameters<typeof writeBatch>[1]): Promise<EnrolmentBatch | null> {
  const claimed = await repos.batches.claim({ batchId, planId: plan.id, contentHash, itemCount: items.length, submittedBy });
  if (!claimed) return null;

  const candidates: NewEnrolment[] = [];
  decisions.forEach((d, index) => {
    if (d.kind === 'enrol')
      candidates.push({
        volunteerId: d.volunteerId,
        volunteerNo: items[index].volunteerNo,
        policyNumber: items[index].policyNumber,
        coverStart: items[index].coverStart,
        coverEnd: items[index].coverEnd,
        batchItem: index,
      });
  });
  const inserted = new Map((await repos.enrolments.insertMany(plan.id, batchId, submittedBy, candidates)).map((r) => [r.batchItem, r.id]));
  const refused = candidates.filter((c) => !inserted.has(c.batchItem));
  const conflicts = new Map<number, { enrolmentId: string; sameCover: boolean }>();
  for (const c of await repos.enrolments.conflictsOf(plan.id, refused)) if (!conflicts.has(c.batchItem)) conflicts.set(c.batchItem, c);

  const results = decisions.map((d, index): StoredItemResult => {
    const base = { index, volunteerNo: items[index].volunteerNo };
    if (d.kind === 'reject') return { ...base, status: 'REJECTED', reason: d.reason, message: d.message, enrolmentId: null };
    const id = inserted.get(index);
    if (id) return { ...base, status: 'ENROLLED', reason: null, message: null, enrolmentId: id };
    const blocking = conflicts.get(index);
    // Refused, yet nothing in the way: the enrolment that was cancelled meanwhile. Start again.
    if (!blocking) throw new RetryBatch(`item ${index} was refused but no enrolment conflicts with it`);
    if (blocking.sameCover) return { ...base, status: 'ALREADY_ENROLLED', reason: null, message: 'already covered by this plan for an overlapping period', enrolmentId: blocking.enrolmentId };
    return { ...base, status: 'REJECTED', reason: 'POLICY_NUMBER_IN_USE', message: "the policy number belongs to another volunteer's cover", enrolmentId: null };
  });
  await repos.batches.recordResults(claimed.id, results);
  return Object.assign(claimed, { results });
}

/** Cancels an ACTIVE enrolment (INSURER, ADMIN): who, when and why are kept; the cover ends. */
export async function cancelEnrolment(ctx: InsuranceContext, id: string, reasonArgument: string): Promise<Enrolment> {
  requireInsuranceStaff(ctx.viewer, 'cancel enrolments');
  const enrolmentId = idArgument('id', id);
  const reason = requiredText('reason', reasonArgument, 500);
  return ctx.transaction(async (repos) => {
    const cancelled = await repos.enrolments.cancel(enrolmentId, ctx.viewer.sub!, reason, new Date());
    if (cancelled) return cancelled;
    const [existing] = await repos.enrolments.byIds([enrolmentId]);
    if (!existing) throw notFound('Enrolment', id);
    throw conflict(`Enrolment ${id} is already ${existing.status}`, 'ILLEGAL_TRANSITION');
  });
}
