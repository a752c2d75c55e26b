import type { Resolvers } from '../generated/graphql';
import { chinaToday } from '../domain/dates';

/** Plans and their cover items: public (they are what the city offers its volunteers). */
export const planResolvers: Resolvers = {
  Query: {
    insurancePlans: async (_, __, { repos, loaders }) => {
      const plans = await repos.plans.all(chinaToday());
      for (const plan of plans) loaders.plan.prime(plan.id, plan);
      return plans;
    },
    insurancePlan: async (_, { code }, { repos }) => (await repos.plans.byCodes([code.trim().toUpperCase()]))[0] ?? null,
  },

  InsurancePlan: {
    coverItems: (p, _, { loaders }) => loaders.coverItemsOfPlan.load(p.id),
    onSale: (p) => {
      const today = chinaToday();
      return p.onSaleFrom <= today && (p.onSaleUntil === null || today <= p.onSaleUntil);
    },
  },
};
