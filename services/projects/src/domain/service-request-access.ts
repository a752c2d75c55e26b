import { timingSafeEqual } from 'node:crypto';
import { forbidden, hasRole } from '@vg/graphql';
import { SERVICE_ROLE, type Role, type Viewer } from '@vg/standards';
import type { ServiceRequestSlice } from '../data/service-request.repository';
import type { ServiceRequest } from '../data/service-request.entity';
import type { ProjectsContext } from '../context';

/** Roles that see every service request (and list them). */
export const SERVICE_REQUEST_STAFF: readonly Role[] = ['CENTRE_DISPATCHER', 'GOVERNMENT_FUNDER', 'ADMIN', 'DATA_STAFF'];

/** Roles that see residents' phone numbers in full: the centre calls residents back. */
const FULL_PHONE_ROLES: readonly Role[] = ['CENTRE_DISPATCHER', 'ADMIN'];

/**
 * The volunteer the viewer acts as when accepting and completing requests: a VOLUNTEER (or a
 * TEAM_LEADER, who is a volunteer too) whose token names a volunteer; null otherwise.
 */
export function actingVolunteerId(viewer: Viewer): string | null {
  return viewer.volunteerId && hasRole(viewer, 'VOLUNTEER', 'TEAM_LEADER') ? viewer.volunteerId : null;
}

/**
 * The teams the viewer's volunteer is an ACTIVE member of, per the volunteers subgraph (one call
 * per request, shared by every field that asks); [] for anyone else.
 */
export async function viewerTeamIds(ctx: ProjectsContext): Promise<string[]> {
  const volunteerId = actingVolunteerId(ctx.viewer);
  if (!volunteerId) return [];
  const volunteer = await ctx.volunteers.volunteer.load(volunteerId);
  return volunteer?.status === 'ACTIVE' ? volunteer.memberships.map((m) => m.teamId) : [];
}

/**
 * Requests whose resident proved themself with a tracking code in this very request (an anonymous
 * order's response, a rating or cancellation with the code): they may see what they just did.
 * Keyed by the returned object, so it lives exactly as long as the response.
 */
const provenResidents = new WeakSet<ServiceRequest>();

export function markResidentProven(request: ServiceRequest): void {
  provenResidents.add(request);
}

/** Is the viewer the resident who ordered `request` (same token subject, or proven by tracking code)? */
export function isResident(viewer: Viewer, request: ServiceRequest): boolean {
  return (viewer.sub != null && viewer.sub === request.requesterSub) || provenResidents.has(request);
}

/** Does `code` match the request's stored tracking-code hash (compared in constant time)? */
export async function trackingCodeMatches(ctx: ProjectsContext, requestId: string, code: string | null | undefined): Promise<boolean> {
  if (!code?.trim()) return false;
  const stored = await ctx.repos.requests.trackingCodeHash(requestId);
  if (!stored) return false;
  const given = Buffer.from(ctx.contact.trackingCodeHash(code), 'utf8');
  const expected = Buffer.from(stored.trim(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * May the viewer see `request`? Staff see every request; the resident their own; the assigned
 * team's members and the accepting volunteer the ones they work on. Anyone else: FORBIDDEN (not
 * null: ids are sequential, so hiding existence would protect nothing, and an error says why).
 */
export async function requireVisible(ctx: ProjectsContext, request: ServiceRequest): Promise<void> {
  const { viewer } = ctx;
  // SERVICE: another subgraph checking a request exists (partnerships, before a fund pays for it).
  if (hasRole(viewer, ...SERVICE_REQUEST_STAFF, SERVICE_ROLE) || isResident(viewer, request)) return;
  const volunteerId = actingVolunteerId(viewer);
  if (volunteerId && request.acceptedBy === volunteerId) return;
  if (volunteerId && request.teamId && (await viewerTeamIds(ctx)).includes(request.teamId)) return;
  throw forbidden(`Only staff, the resident and the assigned team may see service request ${request.id}`);
}

/** Full contact phone for the centre's dispatchers, admins and the resident; masked for everyone else. */
export function seesFullPhone(viewer: Viewer, request: ServiceRequest): boolean {
  return hasRole(viewer, ...FULL_PHONE_ROLES) || isResident(viewer, request);
}

/**
 * What waits for the viewer's next step: ORDERED requests for a CENTRE_DISPATCHER, DISPATCHED for
 * a GOVERNMENT_FUNDER, FUNDED ones of the viewer's teams, the ACCEPTED ones the viewer accepted,
 * and the viewer's own COMPLETED ones (to rate). Empty when nothing applies.
 */
export async function queueSlices(ctx: ProjectsContext): Promise<ServiceRequestSlice[]> {
  const { viewer } = ctx;
  const slices: ServiceRequestSlice[] = [];
  if (hasRole(viewer, 'CENTRE_DISPATCHER')) slices.push({ status: 'ORDERED' });
  if (hasRole(viewer, 'GOVERNMENT_FUNDER')) slices.push({ status: 'DISPATCHED' });
  const volunteerId = actingVolunteerId(viewer);
  if (volunteerId) {
    const teamIds = await viewerTeamIds(ctx);
    if (teamIds.length > 0) slices.push({ status: 'FUNDED', teamIds });
    slices.push({ status: 'ACCEPTED', acceptedBy: volunteerId });
  }
  if (viewer.sub) slices.push({ status: 'COMPLETED', requesterSub: viewer.sub });
  return slices;
}
