import { forbidden } from '@vg/graphql';
import { fenToYuan } from '../data/fen';
import { seesMovementDetails } from '../domain/fund-queries';
import type { FundMovementResolvers } from '../generated/graphql';

export const FundMovement: FundMovementResolvers = {
  fund: async (m, _, { loaders }) => {
    const fund = await loaders.communityFund.load(m.fundId);
    // A movement's fund is a foreign key: it cannot be missing.
    if (!fund) throw new Error(`Community fund ${m.fundId} of movement ${m.id} is missing`);
    return fund;
  },
  amount: (m) => fenToYuan(m.amountFen),
  balanceAfter: (m) => fenToYuan(m.balanceAfterFen),
  enterprise: (m, _, { loaders }) => (m.enterpriseId ? loaders.enterprise.load(m.enterpriseId) : null),
  // Owned by the projects subgraph: only their keys are given here.
  serviceRequest: (m) => (m.serviceRequestId ? { id: m.serviceRequestId } : null),
  project: (m) => (m.projectId ? { id: m.projectId } : null),
  // The ledger's details: for its roles and whoever recorded the movement (null, or FORBIDDEN for the non-null `by`, to others).
  reason: (m, _, ctx) => (seesMovementDetails(ctx, m) ? m.reason : null),
  donorName: (m, _, ctx) => (seesMovementDetails(ctx, m) ? m.donorName : null),
  by: (m, _, ctx) => {
    if (!seesMovementDetails(ctx, m)) throw forbidden("Only the centre, GOVERNMENT_FUNDER, ADMIN, DATA_STAFF and whoever recorded it may see who recorded a fund's movement");
    return m.bySub;
  },
};
