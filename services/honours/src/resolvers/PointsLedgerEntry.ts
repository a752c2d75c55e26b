import type { PointsLedgerEntryResolvers } from '../generated/graphql';

export const PointsLedgerEntry: PointsLedgerEntryResolvers = {
  serviceRecord: (e) => (e.recordId ? { id: e.recordId } : null),
  redemption: (e, _, { loaders }) => (e.redemptionId ? loaders.redemption.load(e.redemptionId) : null),
};
