import type { PointsRuleResolvers } from '../generated/graphql';

export const PointsRule: PointsRuleResolvers = {
  coefficients: (r) => (r.coefficients ?? []).map((c) => ({ theme: c.theme, coefficient: c.coefficient })),
};
