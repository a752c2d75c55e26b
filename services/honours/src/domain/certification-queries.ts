import { badUserInput, decodeKeyset, isBigintId, forbidden, pageSize, toConnection, type Connection } from '@vg/graphql';
import { regionCodeArgument, regionPrefix } from '@vg/standards';
import type { HonoursContext } from '../context';
import type { StarCertification } from '../data/star-certification.entity';
import type { StarCandidateModel } from '../data/references';
import { issuerLevelOfRegion, maySeeCandidates } from './issuers';
import { STAR_THRESHOLDS, starLevelFor } from './stars';

const HOURS = /^\d{1,8}(\.\d)?$/;
const ID = /^[1-9]\d{0,18}$/;

/** A star level argument: an integer 1–5, else BAD_USER_INPUT naming `field`. */
export function starLevelArgument(field: string, level: number): number {
  if (!Number.isInteger(level) || level < 1 || level > STAR_THRESHOLDS.length) throw badUserInput(field, `must be a star level from 1 to ${STAR_THRESHOLDS.length}`);
  return level;
}

/** A certificate by its number, for anyone (the schema exposes public fields only); null when none. */
export async function verifyCertificate(ctx: HonoursContext, certificateNo: string): Promise<StarCertification | null> {
  const number = certificateNo.trim().toUpperCase();
  if (number.length === 0 || number.length > 40) return null;
  return ctx.repos.certifications.byNumber(number);
}

/** A volunteer's certificates, newest first (revoked ones included); public. */
export function certificationsOf(ctx: HonoursContext, volunteerId: string): Promise<StarCertification[]> {
  return ctx.loaders.certificationsOfVolunteer.load(volunteerId);
}

/**
 * Volunteers in the region whose hours reach `level` and who hold no live certificate of it or
 * higher, most hours first. For ADMIN, DATA_STAFF and issuers of that level in that region:
 * anyone else is FORBIDDEN before the arguments are looked at.
 */
export async function starCandidates(ctx: HonoursContext, args: { level: number; regionCode: string; first?: number | null; after?: string | null }): Promise<Connection<StarCandidateModel>> {
  if (!maySeeCandidates(ctx.viewer, args.level, args.regionCode.trim())) throw forbidden('Only ADMIN, DATA_STAFF and the federation that issues this level in this region may list star candidates');
  const level = starLevelArgument('level', args.level);
  const regionCode = regionCodeArgument('regionCode', args.regionCode);
  if (!regionCode.startsWith('3703') && issuerLevelOfRegion(regionCode) !== 'PROVINCE') throw badUserInput('regionCode', 'must be Zibo (a region code starting with 3703) or the province 370000');
  const size = pageSize(args.first);
  let after: { hours: number; volunteerId: string } | undefined;
  if (args.after != null) {
    const [hours, volunteerId] = decodeKeyset(args.after, [HOURS, ID]);
    if (!isBigintId(volunteerId)) throw badUserInput('after', 'not a cursor returned by this API');
    after = { hours: Number(hours), volunteerId };
  }
  const query = { minHours: STAR_THRESHOLDS[level - 1], level, regionPrefix: regionPrefix(regionCode) };
  const rows = await ctx.repos.certifications.candidates(query, size + 1, after);
  const candidates = rows.map((r) => ({ volunteerId: r.volunteerId, recordedHours: r.hours, qualifiesFor: starLevelFor(r.hours) }));
  // The position as encodeKeyset joins it.
  return toConnection(
    candidates,
    size,
    (c) => [c.recordedHours.toFixed(1), c.volunteerId].join('|'),
    () => ctx.repos.certifications.countCandidates(query),
  );
}
