import { decodeCursor, forbidden, hasRole, idArgument, pageSize, toConnection, type Connection } from '@vg/graphql';
import { regionPrefix, ziboRegionCode } from '@vg/standards';
import type { PartnershipsContext } from '../context';
import type { CommunityFund } from '../data/community-fund.entity';
import type { FundMovement } from '../data/fund-movement.entity';

/** Who sees a fund's ledger (donors' names, who granted what and why). */
const LEDGER_ROLES = ['CENTRE_DISPATCHER', 'GOVERNMENT_FUNDER', 'ADMIN', 'DATA_STAFF'] as const;

/**
 * May the viewer see a movement's details — who recorded it (`by`), why (`reason`), a person
 * donor's name: the ledger's roles, and whoever recorded it. Movements reach others too (a grant
 * in `ServiceRequest.funding`, public amounts and funds): to them the details are not shown.
 */
export function seesMovementDetails(ctx: Pick<PartnershipsContext, 'viewer'>, movement: Pick<FundMovement, 'bySub'>): boolean {
  return hasRole(ctx.viewer, ...LEDGER_ROLES) || (ctx.viewer.sub != null && ctx.viewer.sub === movement.bySub);
}

/** A fund by id (null when none has it); public. */
export function communityFundById(ctx: PartnershipsContext, id: string): Promise<CommunityFund | null> {
  return ctx.loaders.communityFund.load(idArgument('id', id));
}

/** A page of funds in a region (or all), by id; public. */
export async function listCommunityFunds(ctx: PartnershipsContext, args: { regionCode?: string | null; first?: number | null; after?: string | null }): Promise<Connection<CommunityFund>> {
  const size = pageSize(args.first);
  const prefix = args.regionCode == null ? undefined : regionPrefix(ziboRegionCode('regionCode', args.regionCode));
  const afterId = args.after == null ? undefined : idArgument('after', decodeCursor(args.after));
  const rows = await ctx.repos.funds.page(prefix, size + 1, afterId);
  for (const row of rows) ctx.loaders.communityFund.prime(row.id, row);
  return toConnection(
    rows,
    size,
    (f) => f.id,
    () => ctx.repos.funds.count(prefix),
  );
}

/** The funds in a region (of the volunteers subgraph) or below; public. Codes outside Zibo have none. */
export async function fundsInRegion(ctx: PartnershipsContext, regionCode: string): Promise<CommunityFund[]> {
  if (!/^3703\d*$/.test(regionCode)) return [];
  return ctx.loaders.fundsInRegion.load(regionCode);
}

/** The grants that paid for a service request, oldest first; public (amounts and funds only are asked for). */
export function fundingOf(ctx: PartnershipsContext, serviceRequestId: string): Promise<FundMovement[]> {
  return ctx.loaders.fundingOfServiceRequest.load(serviceRequestId);
}

/** A fund's ledger, newest first: the centre, GOVERNMENT_FUNDER, ADMIN, DATA_STAFF; FORBIDDEN otherwise. */
export async function ledgerOf(ctx: PartnershipsContext, fund: CommunityFund, args: { first?: number | null; after?: string | null }): Promise<Connection<FundMovement>> {
  if (!hasRole(ctx.viewer, ...LEDGER_ROLES)) throw forbidden(`Only ${LEDGER_ROLES.join(', ')} may see a fund's ledger`);
  const size = pageSize(args.first);
  const beforeId = args.after == null ? undefined : idArgument('after', decodeCursor(args.after));
  const rows = await ctx.repos.funds.ledger(fund.id, size + 1, beforeId);
  return toConnection(
    rows,
    size,
    (m) => m.id,
    () => ctx.repos.funds.ledgerCount(fund.id),
  );
}
