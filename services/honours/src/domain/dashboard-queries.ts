import { badUserInput, requireRole } from '@vg/graphql';
import { CITY_REGION_CODE, regionPrefix, ziboRegionCode } from '@vg/standards';
import type { HonoursContext } from '../context';
import type { RedemptionPointActivityModel } from '../data/references';
import { STAR_THRESHOLDS } from './stars';

const TOP_POINTS = 10;

export interface HonoursDashboardModel {
  pointsByMonth: { month: string; regionCode: string; earned: number; spent: number }[];
  starVolunteers: { regionCode: string; level: number; qualified: number; certified: number }[];
  topRedemptionPoints: RedemptionPointActivityModel[];
}

/** The first day of the month after `date`'s (YYYY-MM-DD). */
function nextMonthStart(date: string): string {
  const [year, month] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
}

/**
 * The centre's dashboard (CENTRE_DISPATCHER, ADMIN, DATA_STAFF) for the city or one county:
 * points by county and month, star volunteers by county and level, the ten busiest redemption
 * points. `from`/`to` bound the months, both inclusive (their days do not matter). Three
 * statements whatever the size of the city.
 */
export async function honoursDashboard(ctx: HonoursContext, args: { regionCode?: string | null; from?: string | null; to?: string | null }): Promise<HonoursDashboardModel> {
  requireRole(ctx.viewer, 'see the honours dashboard', 'CENTRE_DISPATCHER', 'ADMIN', 'DATA_STAFF');
  const regionCode = args.regionCode == null ? CITY_REGION_CODE : ziboRegionCode('regionCode', args.regionCode);
  if (regionCode.length !== 6) throw badUserInput('regionCode', 'must be the city (370300) or one of its counties');
  if (args.from && args.to && args.from.slice(0, 7) > args.to.slice(0, 7)) throw badUserInput('to', 'must not be before from');
  const query = {
    regionPrefix: regionPrefix(regionCode),
    fromMonth: args.from ? `${args.from.slice(0, 7)}-01` : null,
    untilMonth: args.to ? nextMonthStart(args.to) : null,
  };
  const [pointsByMonth, starVolunteers, topRedemptionPoints] = await Promise.all([
    ctx.repos.dashboards.pointsByMonth(query),
    ctx.repos.dashboards.starVolunteers(query.regionPrefix, STAR_THRESHOLDS),
    ctx.repos.dashboards.topRedemptionPoints(query, TOP_POINTS),
  ]);
  return { pointsByMonth, starVolunteers, topRedemptionPoints };
}
