import type { InsurancePlanResolvers } from '../generated/graphql';
import { isOnSale } from '../domain/plan-queries';

export const InsurancePlan: InsurancePlanResolvers = {
  coverItems: (p, _, { loaders }) => loaders.coverItemsOfPlan.load(p.id),
  onSale: (p) => isOnSale(p),
};
