import { decodeCursor, idArgument, pageSize, requireRole, requireSignedIn, toConnection, type Connection } from '@vg/graphql';
import { regionPrefix, ziboRegionCode } from '@vg/standards';
import type { ProjectsContext } from '../context';
import type { ServiceRequest, ServiceRequestView } from '../data/service-request.entity';
import type { ServiceRequestFilter } from '../generated/graphql';
import { markResidentProven, queueSlices, requireVisible, SERVICE_REQUEST_STAFF, trackingCodeMatches } from './service-request-access';

/** A keyset position from an `after` cursor (an id). */
function cursorId(after: string | null | undefined): string | undefined {
  return after == null ? undefined : idArgument('after', decodeCursor(after));
}

/**
 * The request with `id` if the viewer may see it (FORBIDDEN otherwise); null when there is none.
 * The right tracking code proves an anonymous caller is the resident who ordered it.
 */
export async function visibleRequest(ctx: ProjectsContext, id: string, trackingCode?: string | null): Promise<ServiceRequestView | null> {
  const request = await ctx.loaders.serviceRequest.load(id);
  if (!request) return request;
  if (trackingCode != null && (await trackingCodeMatches(ctx, request.id, trackingCode))) markResidentProven(request);
  else await requireVisible(ctx, request);
  return request;
}

/** Requests matching every filter, newest first (staff only). */
export async function listServiceRequests(ctx: ProjectsContext, args: { filter?: ServiceRequestFilter | null; first?: number | null; after?: string | null }): Promise<Connection<ServiceRequest>> {
  requireRole(ctx.viewer, 'list service requests', ...SERVICE_REQUEST_STAFF);
  const size = pageSize(args.first);
  const { filter } = args;
  const query = {
    status: filter?.status ?? undefined,
    kind: filter?.kind ?? undefined,
    teamId: filter?.teamId == null ? undefined : idArgument('filter.teamId', filter.teamId),
    regionPrefix: filter?.regionCode == null ? undefined : regionPrefix(ziboRegionCode('filter.regionCode', filter.regionCode)),
  };
  const rows = await ctx.repos.requests.page(query, size + 1, cursorId(args.after));
  return toConnection(
    rows,
    size,
    (r) => r.id,
    () => ctx.repos.requests.count(query),
  );
}

/** The requests waiting for the viewer's next step (see queueSlices), oldest first. */
export async function myServiceRequestQueue(ctx: ProjectsContext, args: { first?: number | null; after?: string | null }): Promise<Connection<ServiceRequest>> {
  requireSignedIn(ctx.viewer, 'see your service request queue');
  const size = pageSize(args.first);
  const afterId = cursorId(args.after);
  const slices = await queueSlices(ctx);
  const rows = await ctx.repos.requests.queuePage(slices, size + 1, afterId);
  return toConnection(
    rows,
    size,
    (r) => r.id,
    () => ctx.repos.requests.queueCount(slices),
  );
}
