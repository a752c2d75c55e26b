import { badUserInput, decodeCursor, decodeKeyset, encodeCursor, forbidden, pageSize, requireRole, toConnection, type Connection } from '@vg/graphql';
import type { ProjectsContext } from '../context';
import type { ChangePage } from '../data/references';
import type { ServiceRecord } from '../data/service-record.entity';
import type { ServiceRecordChange } from '../data/service-record-change.entity';
import { seesServiceOf } from './team-roles';

const MAX_FEED_PAGE = 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[1-9]\d{0,18}$/;

/** FORBIDDEN unless the viewer may see this volunteer's service data (see seesServiceOf). */
async function requireServiceVisible(ctx: ProjectsContext, volunteerId: string, what: string): Promise<void> {
  if (!(await seesServiceOf(ctx, volunteerId))) throw forbidden(`Only the volunteer, their team's leaders and city staff may see ${what}`);
}

/** A record by id: FORBIDDEN when the viewer may not see its volunteer's service; null when none. */
export async function serviceRecord(ctx: ProjectsContext, id: string): Promise<ServiceRecord | null> {
  const record = await ctx.loaders.record.load(id);
  if (record) await requireServiceVisible(ctx, record.volunteerId, 'a service record');
  return record;
}

/** A record the viewer may see, else null (entity references and nested fields hide, not refuse). */
export async function visibleRecord(ctx: ProjectsContext, record: ServiceRecord | null): Promise<ServiceRecord | null> {
  return record && (await seesServiceOf(ctx, record.volunteerId)) ? record : null;
}

/** A volunteer's records, newest service date first, a page at a time. */
export async function recordsOfVolunteer(ctx: ProjectsContext, volunteerId: string, args: { first?: number | null; after?: string | null }): Promise<Connection<ServiceRecord>> {
  await requireServiceVisible(ctx, volunteerId, 'service records');
  const size = pageSize(args.first);
  let rows: ServiceRecord[];
  if (args.after == null) {
    rows = await ctx.loaders.latestRecords.load({ id: volunteerId, limit: size + 1 });
  } else {
    const [serviceDate, id] = decodeKeyset(args.after, [DATE, ID]);
    rows = await ctx.repos.records.latestOf([volunteerId], size + 1, { serviceDate, id });
  }
  // The position as encodeKeyset joins it.
  return toConnection(
    rows,
    size,
    (r) => [r.serviceDate, r.id].join('|'),
    () => ctx.loaders.serviceRecordCount.load(volunteerId),
  );
}

/** A volunteer's records on one date (same visibility as their records). */
export async function recordsOfVolunteerOn(ctx: ProjectsContext, volunteerId: string, date: string): Promise<ServiceRecord[]> {
  await requireServiceVisible(ctx, volunteerId, 'service records');
  return ctx.loaders.recordsOnDate.load({ id: volunteerId, date });
}

/** A page of the change feed after `after` (internal services only). */
export async function recordChanges(ctx: ProjectsContext, args: { after?: string | null; first?: number | null }): Promise<ChangePage<ServiceRecordChange>> {
  requireRole(ctx.viewer, 'read the service record feed', 'SERVICE');
  const limit = args.first ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FEED_PAGE) throw badUserInput('first', `must be between 1 and ${MAX_FEED_PAGE}`);
  const position = args.after == null ? '0' : decodeCursor(args.after);
  if (!/^\d{1,19}$/.test(position)) throw badUserInput('after', 'not a cursor returned by this API');
  // The head first: read after it, the page can only be as new or newer, so lag is never negative.
  const head = await ctx.repos.records.feedHead();
  const rows = await ctx.repos.records.changesAfter(position, limit + 1);
  const changes = rows.slice(0, limit);
  return { changes, cursor: encodeCursor(changes.at(-1)?.sequence ?? position), hasMore: rows.length > limit, latestSequence: head.sequence, latestAt: head.at };
}
