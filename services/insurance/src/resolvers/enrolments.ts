import { badUserInput, decodeCursor, idArgument, pageSize, requireRole, toConnection } from '@vg/graphql';
import type { EnrolmentFilter, Resolvers } from '../generated/graphql';
import type { InsuranceContext } from '../context';
import type { EnrolmentQuery } from '../data/enrolment.repository';
import { INSURANCE_STAFF, requireInsuranceVisible } from '../domain/access';
import { chinaToday } from '../domain/dates';
import { cancelEnrolment, enrolVolunteers } from '../domain/enrolmentActions';
import { enrolmentStatus } from '../domain/enrolmentStatus';

function afterId(after: string | null | undefined): string | undefined {
  return after == null ? undefined : idArgument('after', decodeCursor(after));
}

/** The plan's id for a plan code argument; BAD_USER_INPUT naming `field` when there is no such plan. */
async function planIdOf(ctx: InsuranceContext, field: string, code: string | null | undefined): Promise<string | undefined> {
  if (code == null) return undefined;
  const [plan] = await ctx.repos.plans.byCodes([code.trim().toUpperCase()]);
  if (!plan) throw badUserInput(field, `no plan has code ${code}`);
  return plan.id;
}

async function enrolmentQuery(ctx: InsuranceContext, filter: EnrolmentFilter | null | undefined): Promise<EnrolmentQuery> {
  return {
    today: chinaToday(),
    planId: await planIdOf(ctx, 'filter.planCode', filter?.planCode),
    status: filter?.status ?? undefined,
    activeOn: filter?.activeOn ?? undefined,
    volunteerNo: filter?.volunteerNo?.trim().toUpperCase() || undefined,
    batchId: filter?.batchId?.trim() || undefined,
  };
}

/** Enrolments, the insurer's batches, cover on a date, and the insured roster. */
export const enrolmentResolvers: Resolvers = {
  Query: {
    enrolment: async (_, { id }, { loaders, viewer }) => {
      const enrolment = await loaders.enrolment.load(idArgument('id', id));
      if (enrolment) requireInsuranceVisible(viewer, enrolment.volunteerId);
      return enrolment;
    },
    enrolments: async (_, { filter, first, after }, ctx) => {
      requireRole(ctx.viewer, 'list enrolments', ...INSURANCE_STAFF);
      const size = pageSize(first);
      const query = await enrolmentQuery(ctx, filter);
      const rows = await ctx.repos.enrolments.page(query, size + 1, afterId(after));
      return toConnection(rows, size, (e) => e.id, () => ctx.repos.enrolments.count(query));
    },
    coverageOn: async (_, { volunteerNo, date }, { repos, viewer }) => {
      requireRole(viewer, 'check cover', ...INSURANCE_STAFF);
      const no = volunteerNo.trim().toUpperCase();
      return { volunteerNo: no, date, enrolments: await repos.enrolments.covering(no, date) };
    },
    insuredRoster: async (_, { from, to, planCode, first, after }, ctx) => {
      requireRole(ctx.viewer, 'read the insured roster', ...INSURANCE_STAFF);
      if (to < from) throw badUserInput('to', 'must not be before from');
      const size = pageSize(first, 100);
      const query: EnrolmentQuery = { today: chinaToday(), overlaps: { from, to }, planId: await planIdOf(ctx, 'planCode', planCode) };
      const rows = await ctx.repos.enrolments.page(query, size + 1, afterId(after));
      return toConnection(rows, size, (e) => e.id, () => ctx.repos.enrolments.count(query));
    },
    enrolmentBatch: async (_, { batchId }, { repos, viewer }) => {
      requireRole(viewer, 'read enrolment batches', ...INSURANCE_STAFF);
      return repos.batches.byBatchId(batchId.trim());
    },
  },

  Mutation: {
    enrolVolunteers: (_, { input }, ctx) => enrolVolunteers(ctx, input),
    cancelEnrolment: (_, { id, reason }, ctx) => cancelEnrolment(ctx, id, reason),
  },

  Enrolment: {
    volunteer: (e) => ({ id: e.volunteerId }),
    plan: async (e, _, { loaders }) => (await loaders.plan.load(e.planId))!,
    status: (e) => enrolmentStatus(e, chinaToday()),
    enrolledAt: (e) => e.createdAt,
    // The records themselves come from the projects subgraph through the gateway, under the
    // viewer's own rights; this service only learns their ids.
    serviceEvidence: async (e, { date }, { projects, viewer }) => {
      requireInsuranceVisible(viewer, e.volunteerId);
      const ids = await projects.serviceRecordIdsOn.load({ volunteerId: e.volunteerId, date });
      return ids.map((id) => ({ id }));
    },
  },

  EnrolmentBatch: {
    plan: async (b, _, { loaders }) => (await loaders.plan.load(b.planId))!,
    processedAt: (b) => b.createdAt,
    enrolledCount: (b) => b.results.filter((r) => r.status === 'ENROLLED').length,
    alreadyEnrolledCount: (b) => b.results.filter((r) => r.status === 'ALREADY_ENROLLED').length,
    rejectedCount: (b) => b.results.filter((r) => r.status === 'REJECTED').length,
  },

  EnrolmentItemResult: {
    enrolment: (r, _, { loaders }) => (r.enrolmentId ? loaders.enrolment.load(r.enrolmentId) : null),
  },

  Coverage: {
    covered: (c) => c.enrolments.length > 0,
  },
};
