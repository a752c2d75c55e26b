import { idArgument } from '@vg/graphql';
import type { QueryResolvers } from '../generated/graphql';
import { listActivities } from '../domain/activity-queries';
import { demonstrationProjects, listProjects } from '../domain/project-queries';
import { recordChanges, serviceRecord } from '../domain/service-record-queries';
import { listServiceRequests, myServiceRequestQueue, visibleRequest } from '../domain/service-request-queries';

/** Look-ups by id go straight to a loader; lists parse their arguments in the domain. */
export const Query: QueryResolvers = {
  brand: (_, { id }, { loaders }) => loaders.brand.load(idArgument('id', id)),
  brands: (_, { kind }, { repos }) => repos.projects.brands(kind ?? undefined),
  project: (_, { id }, { loaders }) => loaders.project.load(idArgument('id', id)),
  projects: (_, args, ctx) => listProjects(ctx, args),
  demonstrationProjects: (_, { year }, ctx) => demonstrationProjects(ctx, year),

  activity: (_, { id }, { loaders }) => loaders.activity.load(idArgument('id', id)),
  activities: (_, args, ctx) => listActivities(ctx, args),

  serviceRecord: (_, { id }, ctx) => serviceRecord(ctx, idArgument('id', id)),
  serviceRecordChanges: (_, args, ctx) => recordChanges(ctx, args),

  serviceRequest: (_, { id, trackingCode }, ctx) => visibleRequest(ctx, idArgument('id', id), trackingCode),
  serviceRequests: (_, args, ctx) => listServiceRequests(ctx, args),
  myServiceRequestQueue: (_, args, ctx) => myServiceRequestQueue(ctx, args),
};
