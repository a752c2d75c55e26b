import { badUserInput, forbidden, hasRole, requireRole } from '@vg/graphql';
import { CITY_REGION_CODE, regionPrefix, ziboRegionCode } from '@vg/standards';
import type { PartnershipsContext } from '../context';
import { fenToYuan } from '../data/fen';
import type { CountByKeyRow } from '../data/report.repository';
import { ORDER_READERS, dispatcherRegionPrefixes } from './order-access';

/** The longest span a report may cover (keeps the statements bounded). */
const MAX_YEARS = 3;

export interface PartnershipReportModel {
  ordersByStatus: CountByKeyRow[];
  ordersByServiceType: CountByKeyRow[];
  ordersByRegion: CountByKeyRow[];
  ordersByMonth: CountByKeyRow[];
  meanHoursToAcceptance: number | null;
  averageRating: number | null;
  /** Yuan. */
  fundsByRegion: { regionCode: string; raised: number; granted: number }[];
}

/** `date` (YYYY-MM-DD) plus `years`, as YYYY-MM-DD (29 February onto a common year rolls to 1 March). */
function addYears(date: string, years: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year + years, month - 1, day)).toISOString().slice(0, 10);
}

/**
 * The region a report covers: the one asked for (the city when none) — for a county dispatcher
 * (`federation:<county>` scopes) only within their counties (FORBIDDEN otherwise), and their county
 * when none is asked for and they have one.
 */
function reportRegion(ctx: PartnershipsContext, asked: string | null): string {
  const prefixes = hasRole(ctx.viewer, ...ORDER_READERS) ? null : dispatcherRegionPrefixes(ctx.viewer);
  if (prefixes === null) return asked ?? CITY_REGION_CODE;
  if (asked === null) {
    if (prefixes.length === 1) return prefixes[0];
    throw badUserInput('regionCode', `required for a dispatcher of several counties (${prefixes.join(', ')})`);
  }
  if (!prefixes.some((prefix) => asked.startsWith(prefix))) throw forbidden(`A county dispatcher sees the partnership report of their counties only (${prefixes.join(', ')})`);
  return asked;
}

/**
 * The centre's partnership report (CENTRE_DISPATCHER, ADMIN, DATA_STAFF) for the city or a region
 * and everything below it: orders placed in `from`..`to` (China dates, both inclusive) by status,
 * service type, county and month, the mean hours from ordering to acceptance, the average rating,
 * and the funds raised and granted in those dates by county. Two statements whatever the span.
 */
export async function partnershipReport(ctx: PartnershipsContext, args: { from: string; to: string; regionCode?: string | null }): Promise<PartnershipReportModel> {
  requireRole(ctx.viewer, 'see the partnership report', 'CENTRE_DISPATCHER', 'ADMIN', 'DATA_STAFF');
  if (args.from > args.to) throw badUserInput('to', 'must not be before from');
  if (args.to > addYears(args.from, MAX_YEARS)) throw badUserInput('to', `must be at most ${MAX_YEARS} years after from`);
  const regionCode = reportRegion(ctx, args.regionCode == null ? null : ziboRegionCode('regionCode', args.regionCode));
  const query = { regionPrefix: regionPrefix(regionCode), from: args.from, to: args.to };
  const [orders, funds] = await Promise.all([ctx.repos.reports.orderTotals(query), ctx.repos.reports.fundTotals(query)]);
  return {
    ordersByStatus: orders.byStatus,
    ordersByServiceType: orders.byServiceType,
    ordersByRegion: orders.byRegion,
    ordersByMonth: orders.byMonth,
    meanHoursToAcceptance: orders.meanHoursToAcceptance,
    averageRating: orders.averageRating,
    fundsByRegion: funds.map((f) => ({ regionCode: f.regionCode, raised: fenToYuan(f.raisedFen), granted: fenToYuan(f.grantedFen) })),
  };
}
