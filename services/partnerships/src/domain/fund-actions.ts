import { badUserInput, forbidden, hasRole, idArgument, notFound, optionalText, requireRole, requiredText } from '@vg/graphql';
import { conflict } from '@vg/standards';
import type { PartnershipsContext } from '../context';
import type { FundMovement } from '../data/fund-movement.entity';
import type { NewDonation, NewGrant } from '../data/fund.repository';
import { existenceOf } from '../data/projects-entities.client';
import type { DonationInput, GrantInput } from '../generated/graphql';
import { amountFen, formatYuan } from './money';

/**
 * May the viewer donate, and as whom? ADMIN and CENTRE_DISPATCHER record any donation; an
 * ENTERPRISE account gives only as the enterprise its token names (`enterprise_id`). Decided
 * before any input is checked.
 */
export function donor(viewer: PartnershipsContext['viewer'], input: Pick<DonationInput, 'donorKind' | 'enterpriseId'>): { as: 'STAFF' } | { as: 'ENTERPRISE'; enterpriseId: string } {
  requireRole(viewer, 'record donations to community funds', 'ADMIN', 'CENTRE_DISPATCHER', 'ENTERPRISE');
  if (hasRole(viewer, 'ADMIN', 'CENTRE_DISPATCHER')) return { as: 'STAFF' };
  if (!viewer.enterpriseId) throw forbidden('An ENTERPRISE account needs an enterprise_id claim to donate');
  if (input.donorKind !== 'ENTERPRISE' || (input.enterpriseId != null && input.enterpriseId !== viewer.enterpriseId)) {
    throw forbidden('An ENTERPRISE account donates only as its own enterprise');
  }
  return { as: 'ENTERPRISE', enterpriseId: viewer.enterpriseId };
}

/** The donation's input, checked (BAD_USER_INPUT naming the first wrong field). */
export function checkDonation(fundId: string, input: DonationInput, enterpriseId: string | null, by: string): NewDonation {
  const id = idArgument('fundId', fundId);
  const fen = amountFen('input.amount', input.amount);
  const reason = optionalText('input.reason', input.reason, 500);
  if (input.donorKind === 'ENTERPRISE') {
    if (enterpriseId == null) throw badUserInput('input.enterpriseId', 'required for an ENTERPRISE donor');
    if (input.donorName != null && input.donorName.trim()) throw badUserInput('input.donorName', 'only for PERSON donors (the enterprise is named by its id)');
    return { fundId: id, amountFen: fen, donorKind: 'ENTERPRISE', enterpriseId: idArgument('input.enterpriseId', enterpriseId), donorName: null, reason, by };
  }
  if (input.enterpriseId != null) throw badUserInput('input.enterpriseId', 'only for ENTERPRISE donors');
  const donorName = requiredText('input.donorName', input.donorName ?? '', 100);
  return { fundId: id, amountFen: fen, donorKind: 'PERSON', enterpriseId: null, donorName, reason, by };
}

/** A donation into a community fund: the balance and the amount raised grow, the ledger gets the row. */
export async function donateToFund(ctx: PartnershipsContext, fundId: string, input: DonationInput): Promise<FundMovement> {
  const who = donor(ctx.viewer, input);
  const donation = checkDonation(fundId, input, who.as === 'ENTERPRISE' ? who.enterpriseId : (input.enterpriseId ?? null), ctx.viewer.sub!);
  if (donation.enterpriseId && !(await ctx.loaders.enterprise.load(donation.enterpriseId))) throw badUserInput('input.enterpriseId', 'no enterprise has this id');
  const movement = await ctx.transaction(async (repos) => {
    const change = await repos.funds.credit(donation.fundId, donation.amountFen);
    if (!change) throw notFound('CommunityFund', donation.fundId);
    return repos.funds.insertDonation(donation, change.balanceAfterFen);
  });
  ctx.loaders.communityFund.clear(donation.fundId);
  return movement;
}

/** The grant's input, checked (BAD_USER_INPUT naming the first wrong field). */
export function checkGrant(fundId: string, input: GrantInput, by: string): NewGrant {
  const id = idArgument('fundId', fundId);
  const fen = amountFen('input.amount', input.amount);
  let serviceRequestId: string | null = null;
  let projectId: string | null = null;
  if (input.purpose === 'SERVICE_REQUEST') {
    if (input.serviceRequestId == null) throw badUserInput('input.serviceRequestId', 'required for a SERVICE_REQUEST grant');
    if (input.projectId != null) throw badUserInput('input.projectId', 'only for a PROJECT grant');
    serviceRequestId = idArgument('input.serviceRequestId', input.serviceRequestId);
  } else {
    if (input.projectId == null) throw badUserInput('input.projectId', 'required for a PROJECT grant');
    if (input.serviceRequestId != null) throw badUserInput('input.serviceRequestId', 'only for a SERVICE_REQUEST grant');
    projectId = idArgument('input.projectId', input.projectId);
  }
  const reason = requiredText('input.reason', input.reason, 500);
  return { fundId: id, amountFen: fen, serviceRequestId, projectId, reason, by };
}

/**
 * A grant out of a community fund (GOVERNMENT_FUNDER, CENTRE_DISPATCHER, ADMIN) paying for a
 * service request (the 买单 step) or a project, both of the projects subgraph (checked to exist,
 * one `_entities` call). The balance is taken by one conditional UPDATE inside the transaction:
 * concurrent grants on a fund queue on its row and each sees the balance the previous one left,
 * so a grant the balance does not cover is CONFLICT INSUFFICIENT_FUNDS with nothing written.
 */
export async function grantFromFund(ctx: PartnershipsContext, fundId: string, input: GrantInput): Promise<FundMovement> {
  requireRole(ctx.viewer, 'grant from community funds', 'GOVERNMENT_FUNDER', 'CENTRE_DISPATCHER', 'ADMIN');
  const grant = checkGrant(fundId, input, ctx.viewer.sub!);
  const fund = await ctx.loaders.communityFund.load(grant.fundId);
  if (!fund) throw notFound('CommunityFund', grant.fundId);
  const exists = existenceOf(ctx);
  if (grant.serviceRequestId && !(await exists.ServiceRequest.load(grant.serviceRequestId))) throw badUserInput('input.serviceRequestId', 'no service request has this id');
  if (grant.projectId && !(await exists.Project.load(grant.projectId))) throw badUserInput('input.projectId', 'no project has this id');

  const movement = await ctx.transaction(async (repos) => {
    const change = await repos.funds.debit(grant.fundId, grant.amountFen);
    if (!change) {
      const [now] = await repos.funds.byIds([grant.fundId]);
      throw conflict(`The grant of ${formatYuan(grant.amountFen)} is more than the fund's balance of ${formatYuan(now?.balanceFen ?? 0)}`, 'INSUFFICIENT_FUNDS');
    }
    return repos.funds.insertGrant(grant, change.balanceAfterFen);
  });
  ctx.loaders.communityFund.clear(grant.fundId);
  if (grant.serviceRequestId) ctx.loaders.fundingOfServiceRequest.clear(grant.serviceRequestId);
  return movement;
}
