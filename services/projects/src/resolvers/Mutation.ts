import type { MutationResolvers } from '../generated/graphql';
import { cancelActivity, completeActivity, createActivity, publishActivity } from '../domain/activity-actions';
import { recordPartnerService } from '../domain/partner-service-actions';
import { addProjectAward, addToDemonstrationLibrary, createProject, removeFromDemonstrationLibrary } from '../domain/project-actions';
import { acceptServiceRequest, cancelServiceRequest, completeServiceRequest, dispatchServiceRequest, fundServiceRequest, orderService, rateServiceRequest } from '../domain/service-request-actions';
import { cancelSignup, checkIn, checkOut, correctServiceRecord, signUp } from '../domain/signup-actions';

/** Each mutation is one domain action: the role, the relation, then the input are checked there. */
export const Mutation: MutationResolvers = {
  createProject: (_, { input }, ctx) => createProject(ctx, input),
  addToDemonstrationLibrary: (_, { projectId, reason }, ctx) => addToDemonstrationLibrary(ctx, projectId, reason),
  removeFromDemonstrationLibrary: (_, { projectId, reason }, ctx) => removeFromDemonstrationLibrary(ctx, projectId, reason),
  addProjectAward: (_, { projectId, input }, ctx) => addProjectAward(ctx, projectId, input),

  createActivity: (_, { input }, ctx) => createActivity(ctx, input),
  publishActivity: (_, { id }, ctx) => publishActivity(ctx, id),
  cancelActivity: (_, { id, reason }, ctx) => cancelActivity(ctx, id, reason),
  completeActivity: (_, { id }, ctx) => completeActivity(ctx, id),
  signUp: (_, { activityId }, ctx) => signUp(ctx, activityId),
  cancelSignup: (_, { activityId }, ctx) => cancelSignup(ctx, activityId),
  checkIn: (_, { activityId, volunteerId }, ctx) => checkIn(ctx, activityId, volunteerId),
  checkOut: (_, { activityId, input }, ctx) => checkOut(ctx, activityId, input),
  correctServiceRecord: (_, { id, input }, ctx) => correctServiceRecord(ctx, id, input),

  orderService: (_, { input }, ctx) => orderService(ctx, input),
  dispatchServiceRequest: (_, { id, teamId, note }, ctx) => dispatchServiceRequest(ctx, id, teamId, note),
  fundServiceRequest: (_, { id, amount, note }, ctx) => fundServiceRequest(ctx, id, amount, note),
  acceptServiceRequest: (_, { id }, ctx) => acceptServiceRequest(ctx, id),
  completeServiceRequest: (_, { id, input }, ctx) => completeServiceRequest(ctx, id, input),
  rateServiceRequest: (_, { id, rating, comment, trackingCode }, ctx) => rateServiceRequest(ctx, id, rating, comment, trackingCode),
  cancelServiceRequest: (_, { id, reason, trackingCode }, ctx) => cancelServiceRequest(ctx, id, reason, trackingCode),

  recordPartnerService: (_, { input }, ctx) => recordPartnerService(ctx, input),
};
