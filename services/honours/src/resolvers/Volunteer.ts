import type { VolunteerResolvers } from '../generated/graphql';
import { certificationsOf } from '../domain/certification-queries';
import { commendationsOf } from '../domain/commendation-queries';
import { nextStarOf, pointsAccountOf, recordedHoursOf, starLevelOf } from '../domain/points-queries';

export const Volunteer: VolunteerResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  recordedHours: (v, _, ctx) => recordedHoursOf(ctx, v.id),
  starLevel: (v, _, ctx) => starLevelOf(ctx, v.id),
  nextStar: (v, _, ctx) => nextStarOf(ctx, v.id),
  points: (v, _, ctx) => pointsAccountOf(ctx, v.id),
  certifications: (v, _, ctx) => certificationsOf(ctx, v.id),
  commendations: (v, _, ctx) => commendationsOf(ctx, 'VOLUNTEER', v.id),
};
