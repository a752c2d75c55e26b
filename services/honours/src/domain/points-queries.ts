import { localDate } from '@vg/config';
import { badUserInput, decodeCursor, forbidden, hasRole, isBigintId, pageSize, toConnection, type Connection } from '@vg/graphql';
import type { HonoursContext } from '../context';
import { expiringKey, ledgerPageKey } from '../data/loaders';
import type { PointsLedgerEntry } from '../data/points-ledger-entry.entity';
import type { PointsRule } from '../data/points-rule.entity';
import type { PointsAccountModel } from '../data/references';
import { ruleOn } from './points-rules';
import { nextStarFor, starLevelFor } from './stars';

const DAY_MS = 86_400_000;

/** Every points rule: the one in force today first, then by effective date, newest first; public. */
export async function listPointsRules(ctx: HonoursContext): Promise<PointsRule[]> {
  const rules = await ctx.repos.points.rules();
  const current = ruleOn(rules, localDate(new Date()));
  return current ? [current, ...rules.filter((r) => r !== current)] : rules;
}

/** Cumulative hours credited from the feed (public, like the star level they give). */
export function recordedHoursOf(ctx: HonoursContext, volunteerId: string): Promise<number> {
  return ctx.loaders.recordedHours.load(volunteerId);
}

export async function starLevelOf(ctx: HonoursContext, volunteerId: string): Promise<number> {
  return starLevelFor(await recordedHoursOf(ctx, volunteerId));
}

export async function nextStarOf(ctx: HonoursContext, volunteerId: string): Promise<{ level: number; hoursToGo: number } | null> {
  return nextStarFor(await recordedHoursOf(ctx, volunteerId));
}

/**
 * A volunteer's points account, for the volunteer themself, ADMIN, DATA_STAFF, STATION_STAFF of a
 * redemption point (their token's `redemption_point_id`: they redeem for volunteers) and internal services; FORBIDDEN otherwise.
 */
export function pointsAccountOf(ctx: HonoursContext, volunteerId: string): PointsAccountModel {
  const { viewer } = ctx;
  // STATION_STAFF also staff service stations: only those of a redemption point redeem for volunteers.
  const redemptionStaff = hasRole(viewer, 'STATION_STAFF') && viewer.redemptionPointId != null;
  if (viewer.volunteerId !== volunteerId && !redemptionStaff && !hasRole(viewer, 'ADMIN', 'DATA_STAFF', 'SERVICE')) {
    throw forbidden("Only the volunteer themself, ADMIN, DATA_STAFF and redemption points' staff may see a volunteer's points");
  }
  return { volunteerId };
}

/** balance, earned, spent, expired of an account the viewer may see. */
export async function accountTotals(ctx: HonoursContext, account: PointsAccountModel) {
  return ctx.loaders.pointsAccount.load(account.volunteerId);
}

/** Points of the balance expiring within `days` (1–3650; 30 when omitted), China time. */
export function expiringSoon(ctx: HonoursContext, account: PointsAccountModel, days: number | null | undefined): Promise<number> {
  const within = days ?? 30;
  if (!Number.isInteger(within) || within < 1 || within > 3650) throw badUserInput('days', 'must be between 1 and 3650');
  const until = localDate(new Date(Date.now() + within * DAY_MS));
  return ctx.loaders.pointsExpiring.load(expiringKey(account.volunteerId, until));
}

/** The ledger, newest first, a page at a time (the cursor is the entry id). */
export async function ledgerOf(ctx: HonoursContext, account: PointsAccountModel, args: { first?: number | null; after?: string | null }): Promise<Connection<PointsLedgerEntry>> {
  const size = pageSize(args.first);
  let before: string | undefined;
  if (args.after != null) {
    before = decodeCursor(args.after);
    if (!isBigintId(before)) throw badUserInput('after', 'not a cursor returned by this API');
  }
  const rows = await ctx.loaders.ledgerPage.load(ledgerPageKey(account.volunteerId, size + 1, before));
  return toConnection(
    rows,
    size,
    (e) => e.id,
    () => ctx.loaders.ledgerCount.load(account.volunteerId),
  );
}
