import type { MutationResolvers } from '../generated/graphql';
import { certifyStars, revokeCertification } from '../domain/certification-actions';
import { commend } from '../domain/commendation-actions';
import { adjustPoints, setPointsRule } from '../domain/points-actions';
import { redeem, refundRedemption } from '../domain/redemption-actions';

export const Mutation: MutationResolvers = {
  certifyStars: (_, { input }, ctx) => certifyStars(ctx, input),
  revokeStarCertification: (_, { id, reason }, ctx) => revokeCertification(ctx, id, reason),
  commend: (_, { input }, ctx) => commend(ctx, input),
  redeem: (_, { input }, ctx) => redeem(ctx, input),
  refundRedemption: (_, { id, reason }, ctx) => refundRedemption(ctx, id, reason),
  adjustPoints: (_, { volunteerId, points, reason }, ctx) => adjustPoints(ctx, volunteerId, points, reason),
  setPointsRule: (_, { input }, ctx) => setPointsRule(ctx, input),
};
