import type { PointsAccountResolvers } from '../generated/graphql';
import { accountTotals, expiringSoon, ledgerOf } from '../domain/points-queries';

// The parent passed pointsAccountOf's visibility check: these only load.
export const PointsAccount: PointsAccountResolvers = {
  balance: async (a, _, ctx) => (await accountTotals(ctx, a)).balance,
  earned: async (a, _, ctx) => (await accountTotals(ctx, a)).earned,
  spent: async (a, _, ctx) => (await accountTotals(ctx, a)).spent,
  expired: async (a, _, ctx) => (await accountTotals(ctx, a)).expired,
  expiringSoon: (a, { days }, ctx) => expiringSoon(ctx, a, days),
  ledger: (a, args, ctx) => ledgerOf(ctx, a, args),
};
