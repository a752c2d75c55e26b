import { decodeCursor, idArgument, pageSize, requireRole, requireSignedIn, toConnection } from '@vg/graphql';
import type { Resolvers } from '../generated/graphql';
import { markResidentProven, queueSlices, requireVisible, seesFullPhone, SERVICE_REQUEST_STAFF, trackingCodeMatches } from '../domain/serviceRequestAccess';
import {
  acceptServiceRequest,
  cancelServiceRequest,
  completeServiceRequest,
  dispatchServiceRequest,
  fundServiceRequest,
  orderService,
  rateServiceRequest,
} from '../domain/serviceRequestActions';
import { regionPrefix, ziboRegionCode } from '@vg/standards';
import type { ProjectsContext } from '../context';
import { seesServiceOf } from '../domain/teamRoles';

/** A keyset position from an `after` cursor (an id). */
function cursorId(after: string | null | undefined): string | undefined {
  return after == null ? undefined : idArgument('after', decodeCursor(after));
}

/**
 * The request with `id` if the viewer may see it (FORBIDDEN otherwise); null when there is none.
 * The right tracking code proves an anonymous caller is the resident who ordered it.
 */
async function visibleRequest(ctx: ProjectsContext, id: string, trackingCode?: string | null) {
  const request = await ctx.loaders.serviceRequest.load(id);
  if (!request) return request;
  if (trackingCode != null && (await trackingCodeMatches(ctx, request.id, trackingCode))) markResidentProven(request);
  else await requireVisible(ctx, request);
  return request;
}

export const serviceRequestResolvers: Resolvers = {
  Query: {
    serviceRequest: (_, { id, trackingCode }, ctx) => visibleRequest(ctx, idArgument('id', id), trackingCode),
    serviceRequests: async (_, { filter, first, after }, { viewer, repos }) => {
      requireRole(viewer, 'list service requests', ...SERVICE_REQUEST_STAFF);
      const size = pageSize(first);
      const query = {
        status: filter?.status ?? undefined,
        kind: filter?.kind ?? undefined,
        teamId: filter?.teamId == null ? undefined : idArgument('filter.teamId', filter.teamId),
        regionPrefix: filter?.regionCode == null ? undefined : regionPrefix(ziboRegionCode('filter.regionCode', filter.regionCode)),
      };
      const rows = await repos.requests.page(query, size + 1, cursorId(after));
      return toConnection(rows, size, (r) => r.id, () => repos.requests.count(query));
    },
    myServiceRequestQueue: async (_, { first, after }, ctx) => {
      requireSignedIn(ctx.viewer, 'see your service request queue');
      const size = pageSize(first);
      const afterId = cursorId(after);
      const slices = await queueSlices(ctx);
      const rows = await ctx.repos.requests.queuePage(slices, size + 1, afterId);
      return toConnection(rows, size, (r) => r.id, () => ctx.repos.requests.queueCount(slices));
    },
  },

  Mutation: {
    orderService: (_, { input }, ctx) => orderService(ctx, input),
    dispatchServiceRequest: (_, { id, teamId, note }, ctx) => dispatchServiceRequest(ctx, id, teamId, note),
    fundServiceRequest: (_, { id, amount, note }, ctx) => fundServiceRequest(ctx, id, amount, note),
    acceptServiceRequest: (_, { id }, ctx) => acceptServiceRequest(ctx, id),
    completeServiceRequest: (_, { id, input }, ctx) => completeServiceRequest(ctx, id, input),
    rateServiceRequest: (_, { id, rating, comment, trackingCode }, ctx) => rateServiceRequest(ctx, id, rating, comment, trackingCode),
    cancelServiceRequest: (_, { id, reason, trackingCode }, ctx) => cancelServiceRequest(ctx, id, reason, trackingCode),
  },

  ServiceRequest: {
    __resolveReference: (ref, ctx) => visibleRequest(ctx, ref.id),
    team: (r) => (r.teamId ? { id: r.teamId } : null),
    acceptedBy: (r) => (r.acceptedBy ? { id: r.acceptedBy } : null),
    // Decrypted (one batch per request) only for viewers entitled to the full number.
    contactPhone: async (r, _, { viewer, loaders, contact }) => {
      if (!r.contactPhoneMasked) return null;
      if (!seesFullPhone(viewer, r)) return r.contactPhoneMasked;
      const encrypted = await loaders.serviceRequestContactPhone.load(r.id);
      return encrypted ? contact.revealPhone(encrypted) : r.contactPhoneMasked;
    },
    history: (r, _, { loaders }) => loaders.serviceRequestHistory.load(r.id),
    trackingCode: (r) => r.trackingCode ?? null,
    serviceRecord: async (r, _, ctx) => {
      const record = await ctx.loaders.recordOfRequest.load(r.id);
      return record && (await seesServiceOf(ctx, record.volunteerId)) ? record : null;
    },
  },

  // Every field is a column of the event, under the same name.
  ServiceRequestEvent: {},
};
