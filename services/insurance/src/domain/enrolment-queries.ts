import { badUserInput, decodeCursor, idArgument, pageSize, requiredText, toConnection, type Connection } from '@vg/graphql';
import type { InsuranceContext } from '../context';
import type { EnrolmentBatch } from '../data/enrolment-batch.entity';
import type { Enrolment } from '../data/enrolment.entity';
import type { EnrolmentQuery } from '../data/enrolment.repository';
import type { CoverageModel } from '../data/references';
import type { EnrolmentFilter, QueryCoverageOnArgs, QueryEnrolmentsArgs, QueryInsuredRosterArgs } from '../generated/graphql';
import { requireInsuranceStaff, requireInsuranceVisible, requireMaySeeSomeEnrolment } from './access';
import { batchIdArgument } from './batch-items';
import { chinaToday } from './dates';
import { planIdArgument } from './plan-queries';

/**
 * The read side of enrolments. Every function decides first whether the viewer may ask at all and
 * only then reads its arguments, so a caller without the role learns nothing from the errors.
 */

/** The insured roster's page when `first` is not given: the insurer reconciles it in bulk. */
const ROSTER_PAGE = 100;

/** A keyset position from an `after` cursor (an enrolment id). */
function afterId(after: string | null | undefined): string | undefined {
  return after == null ? undefined : idArgument('after', decodeCursor(after));
}

async function enrolmentQuery(ctx: InsuranceContext, filter: EnrolmentFilter | null | undefined): Promise<EnrolmentQuery> {
  return {
    today: chinaToday(),
    planId: await planIdArgument(ctx, 'filter.planCode', filter?.planCode),
    status: filter?.status ?? undefined,
    activeOn: filter?.activeOn ?? undefined,
    volunteerNo: filter?.volunteerNo?.trim().toUpperCase() || undefined,
    batchId: filter?.batchId?.trim() || undefined,
  };
}

async function page(ctx: InsuranceContext, query: EnrolmentQuery, size: number, after: string | null | undefined): Promise<Connection<Enrolment>> {
  const rows = await ctx.repos.enrolments.page(query, size + 1, afterId(after));
  return toConnection(
    rows,
    size,
    (e) => e.id,
    () => ctx.repos.enrolments.count(query),
  );
}

/** One enrolment, for the insured volunteer themself and staff; null when there is none. */
export async function enrolment(ctx: InsuranceContext, id: string): Promise<Enrolment | null> {
  requireMaySeeSomeEnrolment(ctx.viewer);
  const found = await ctx.loaders.enrolment.load(idArgument('id', id));
  if (found) requireInsuranceVisible(ctx.viewer, found.volunteerId);
  return found;
}

/** Enrolments matching every given filter, by id (INSURER, ADMIN). */
export async function listEnrolments(ctx: InsuranceContext, { filter, first, after }: QueryEnrolmentsArgs): Promise<Connection<Enrolment>> {
  requireInsuranceStaff(ctx.viewer, 'list enrolments');
  const size = pageSize(first);
  return page(ctx, await enrolmentQuery(ctx, filter), size, after);
}

/** Whether the volunteer with this number is covered on `date` (INSURER, ADMIN); an unknown number is simply not covered. */
export async function coverageOn(ctx: InsuranceContext, { volunteerNo, date }: QueryCoverageOnArgs): Promise<CoverageModel> {
  requireInsuranceStaff(ctx.viewer, 'check cover');
  const no = requiredText('volunteerNo', volunteerNo, 20).toUpperCase();
  return { volunteerNo: no, date, enrolments: await ctx.repos.enrolments.covering(no, date) };
}

/** Every enrolment not cancelled whose cover overlaps from..to, of one plan when given (INSURER, ADMIN). */
export async function insuredRoster(ctx: InsuranceContext, { from, to, planCode, first, after }: QueryInsuredRosterArgs): Promise<Connection<Enrolment>> {
  requireInsuranceStaff(ctx.viewer, 'read the insured roster');
  if (to < from) throw badUserInput('to', 'must not be before from');
  const size = pageSize(first, ROSTER_PAGE);
  const query: EnrolmentQuery = { today: chinaToday(), overlaps: { from, to }, planId: await planIdArgument(ctx, 'planCode', planCode) };
  return page(ctx, query, size, after);
}

/** A batch the insurer sent, with its stored results (INSURER, ADMIN); null when unknown. */
export async function enrolmentBatch(ctx: InsuranceContext, batchId: string): Promise<EnrolmentBatch | null> {
  requireInsuranceStaff(ctx.viewer, 'read enrolment batches');
  return ctx.repos.batches.byBatchId(batchIdArgument('batchId', batchId));
}

/**
 * For a claim: the ids of the volunteer's service records on `date`. The records themselves come
 * from the projects subgraph through the gateway, under the viewer's own rights.
 */
export async function serviceEvidence(ctx: InsuranceContext, e: Enrolment, date: string): Promise<{ id: string }[]> {
  requireInsuranceVisible(ctx.viewer, e.volunteerId);
  const ids = await ctx.projects.serviceRecordIdsOn.load({ volunteerId: e.volunteerId, date });
  return ids.map((id) => ({ id }));
}
