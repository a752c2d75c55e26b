import { ledgerOf } from '../domain/fund-queries';
import { fenToYuan } from '../data/fen';
import type { CommunityFundResolvers } from '../generated/graphql';

export const CommunityFund: CommunityFundResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.communityFund.load(ref.id),
  balance: (f) => fenToYuan(f.balanceFen),
  raised: (f) => fenToYuan(f.raisedFen),
  granted: (f) => fenToYuan(f.grantedFen),
  ledger: (f, args, ctx) => ledgerOf(ctx, f, args),
};
