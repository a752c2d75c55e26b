import type { QueryResolvers } from '../generated/graphql';
import { commendationById, listCommendations } from '../domain/commendation-queries';
import { starCandidates, verifyCertificate } from '../domain/certification-queries';
import { honoursDashboard } from '../domain/dashboard-queries';
import { listPointsRules } from '../domain/points-queries';
import { listRedemptionPoints, redemptionPointById, redemptionPointsNear } from '../domain/redemption-point-queries';

export const Query: QueryResolvers = {
  verifyStarCertificate: (_, { certificateNo }, ctx) => verifyCertificate(ctx, certificateNo),
  starCandidates: (_, args, ctx) => starCandidates(ctx, args),
  commendation: (_, { id }, ctx) => commendationById(ctx, id),
  commendations: (_, args, ctx) => listCommendations(ctx, args),
  redemptionPoint: (_, { id }, ctx) => redemptionPointById(ctx, id),
  redemptionPoints: (_, args, ctx) => listRedemptionPoints(ctx, args),
  redemptionPointsNear: (_, args, ctx) => redemptionPointsNear(ctx, args),
  pointsRules: (_, __, ctx) => listPointsRules(ctx),
  honoursDashboard: (_, args, ctx) => honoursDashboard(ctx, args),
};
