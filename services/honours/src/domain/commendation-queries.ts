import { badUserInput, decodeKeyset, isBigintId, idArgument, pageSize, toConnection, type Connection } from '@vg/graphql';
import { regionPrefix, ziboRegionCode } from '@vg/standards';
import type { HonoursContext } from '../context';
import type { AwardeeKind, Commendation } from '../data/commendation.entity';
import { awardeeKey } from '../data/loaders';
import type { CommendationFilter } from '../generated/graphql';

const YEAR = /^\d{4}$/;
const ID = /^[1-9]\d{0,18}$/;

/** A commendation year: 1990 up to the current year (none is awarded ahead), else BAD_USER_INPUT naming `field`. */
export function commendationYear(field: string, year: number, now = new Date()): number {
  const latest = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
  if (!Number.isInteger(year) || year < 1990 || year > latest) throw badUserInput(field, `must be a year from 1990 to ${latest}`);
  return year;
}

/** A commendation by id; public. */
export function commendationById(ctx: HonoursContext, id: string): Promise<Commendation | null> {
  return ctx.loaders.commendation.load(idArgument('id', id));
}

/** The commendations of one volunteer, team, project or station, newest year first; public. */
export function commendationsOf(ctx: HonoursContext, kind: AwardeeKind, id: string): Promise<Commendation[]> {
  return ctx.loaders.commendationsOfAwardee.load(awardeeKey(kind, id));
}

/** Commendations matching every given filter, newest year first (then newest recorded); public. */
export async function listCommendations(ctx: HonoursContext, args: { filter?: CommendationFilter | null; first?: number | null; after?: string | null }): Promise<Connection<Commendation>> {
  const filter = args.filter ?? {};
  const query = {
    year: filter.year ?? undefined,
    level: filter.level ?? undefined,
    awardeeKind: filter.awardeeKind ?? undefined,
    regionPrefix: filter.regionCode == null ? undefined : regionPrefix(ziboRegionCode('filter.regionCode', filter.regionCode)),
  };
  const size = pageSize(args.first);
  let after: { year: number; id: string } | undefined;
  if (args.after != null) {
    const [year, id] = decodeKeyset(args.after, [YEAR, ID]);
    if (!isBigintId(id)) throw badUserInput('after', 'not a cursor returned by this API');
    after = { year: Number(year), id };
  }
  const rows = await ctx.repos.commendations.page(query, size + 1, after);
  // The position as encodeKeyset joins it.
  return toConnection(
    rows,
    size,
    (c) => [String(c.year), c.id].join('|'),
    () => ctx.repos.commendations.count(query),
  );
}
