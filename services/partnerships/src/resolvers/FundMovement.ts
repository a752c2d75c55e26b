import { fenToYuan } from '../data/fen';
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
  by: (m) => m.bySub,
};
