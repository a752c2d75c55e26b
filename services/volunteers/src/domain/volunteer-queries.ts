import { badUserInput, batchByKey, forbidden, idArgument, pageSize, requireRole, toConnection, type Connection } from '@vg/graphql';
import type { Volunteer } from '../data/volunteer.entity';
import type { VolunteersContext } from '../context';
import type { VolunteerFilter } from '../generated/graphql';
import { afterId, isWellFormedId, optionalId } from './arguments';
import { regionFilterPrefix } from './region-rules';

/** The insurer checks a batch of up to 1,000 items; room for a few batches at once, no more. */
export const MAX_IDENTITY_BATCH = 5000;
/** Account subjects are stored in varchar(128); anything longer cannot match. */
const MAX_SUB_LENGTH = 128;

/** Public volunteer numbers are matched trimmed and upper-case (ZB00000001), whatever was typed. */
export function normaliseVolunteerNo(volunteerNo: string): string {
  return volunteerNo.trim().toUpperCase();
}

export function volunteerById(ctx: VolunteersContext, id: string): Promise<Volunteer | null> {
  return ctx.loaders.volunteer.load(idArgument('id', id));
}

export function volunteerByNo(ctx: VolunteersContext, volunteerNo: string): Promise<Volunteer | null> {
  return ctx.loaders.volunteerByNo.load(normaliseVolunteerNo(volunteerNo));
}

/**
 * The viewer's own volunteer, or null when the viewer is none (anonymous, or an account that has
 * not registered). A malformed id in a token names no volunteer: null, not an input error, since the
 * caller sent no argument.
 */
export async function viewerVolunteer(ctx: VolunteersContext): Promise<Volunteer | null> {
  const id = ctx.viewer.volunteerId;
  if (id == null || !isWellFormedId(id)) return null;
  return ctx.loaders.volunteer.load(id);
}

/**
 * The volunteer an account registered itself as (internal: the gateway asks this to fill in a
 * token's missing volunteer id). One indexed statement (account_sub is UNIQUE).
 */
export async function accountVolunteer(ctx: VolunteersContext, sub: string): Promise<Volunteer | null> {
  requireRole(ctx.viewer, "look up an account's volunteer", 'SERVICE');
  if (!sub || sub.length > MAX_SUB_LENGTH) return null;
  const volunteer = await ctx.repos.volunteers.byAccountSub(sub);
  if (volunteer) ctx.loaders.volunteer.prime(volunteer.id, volunteer);
  return volunteer;
}

/** A page of volunteers matching every filter, oldest registration (smallest id) first. */
export async function volunteersPage(
  ctx: VolunteersContext,
  filter: VolunteerFilter | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Connection<Volunteer>> {
  // Names are masked for anonymous viewers: searching by name would unmask them.
  if (filter?.nameContains != null && !ctx.viewer.sub) throw forbidden('Sign in to search volunteers by name');
  const size = pageSize(first);
  const query = {
    regionPrefix: await regionFilterPrefix(ctx.regions, 'filter.regionCode', filter?.regionCode),
    teamId: optionalId('filter.teamId', filter?.teamId),
    skill: filter?.skill ?? undefined,
    nameContains: filter?.nameContains ?? undefined,
  };
  const rows = await ctx.repos.volunteers.page(query, size + 1, afterId(after));
  return toConnection(
    rows,
    size,
    (v) => v.id,
    () => ctx.repos.volunteers.count(query),
  );
}

export interface VolunteerIdentity {
  volunteer: Volunteer;
  name: string;
  status: Volunteer['status'];
  idNumberHash: string;
}

/** Identity facts by volunteer number for internal services: one entry per number, in order. */
export async function volunteerIdentities(ctx: VolunteersContext, volunteerNos: readonly string[]): Promise<(VolunteerIdentity | null)[]> {
  requireRole(ctx.viewer, 'check volunteer identities', 'SERVICE');
  if (volunteerNos.length > MAX_IDENTITY_BATCH) throw badUserInput('volunteerNos', `at most ${MAX_IDENTITY_BATCH} at once`);
  const normalised = volunteerNos.map(normaliseVolunteerNo);
  const rows = await ctx.repos.volunteers.withIdNumberHash([...new Set(normalised)]);
  return batchByKey(normalised, rows, (v) => v.volunteerNo).map((v) => v && { volunteer: v, name: v.name, status: v.status, idNumberHash: v.idNumberHash });
}
