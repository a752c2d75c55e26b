import { localDate } from '@vg/config';
import { badUserInput, forbidden, idArgument, notFound, optionalText, requireRole } from '@vg/graphql';
import type { PartnershipsContext } from '../context';
import type { NewPartnershipService } from '../data/delivery.repository';
import type { PartnershipOrder } from '../data/partnership-order.entity';
import { volunteerFacts } from '../data/volunteers.client';
import type { DeliverPartnershipOrderInput } from '../generated/graphql';
import { checkOrderStep, takeOrderStep } from './order-state-machine';
import { writeOrderRecords } from './record-outbox';

/** A delivery names 1 to this many volunteers (an order's headcount is at most 500 too). */
export const MAX_DELIVERY_SERVICES = 500;
/** What one volunteer may be credited for one delivery: a day of service. */
export const MAX_SERVICE_HOURS = 24;
const CONTENT_MAX = 2000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface CheckedDelivery {
  deliveredOn: string;
  services: NewPartnershipService[];
  content: string | null;
}

/**
 * The input of a delivery, checked against the order (pure): `deliveredOn` a date within the
 * wanted dates and not after today (China time), 1–500 services, each volunteer id valid and
 * once, hours more than 0 and at most 24, in half hours. BAD_USER_INPUT naming the field.
 */
export function checkDelivery(order: Pick<PartnershipOrder, 'wantedFrom' | 'wantedTo'>, input: DeliverPartnershipOrderInput, now: Date): CheckedDelivery {
  const deliveredOn = input.deliveredOn;
  if (!DATE.test(deliveredOn) || Number.isNaN(Date.parse(deliveredOn))) throw badUserInput('input.deliveredOn', 'must be a date, YYYY-MM-DD');
  if (deliveredOn < order.wantedFrom || deliveredOn > order.wantedTo) throw badUserInput('input.deliveredOn', `must fall within the wanted dates ${order.wantedFrom}..${order.wantedTo}`);
  if (deliveredOn > localDate(now)) throw badUserInput('input.deliveredOn', 'must not be in the future');
  if (input.services.length < 1 || input.services.length > MAX_DELIVERY_SERVICES) throw badUserInput('input.services', `must name 1 to ${MAX_DELIVERY_SERVICES} volunteers`);
  const seen = new Set<string>();
  const services = input.services.map((s, i) => {
    const volunteerId = idArgument(`input.services[${i}].volunteerId`, s.volunteerId);
    if (seen.has(volunteerId)) throw badUserInput(`input.services[${i}].volunteerId`, 'names a volunteer already listed');
    seen.add(volunteerId);
    if (!Number.isFinite(s.hours) || s.hours <= 0 || s.hours > MAX_SERVICE_HOURS || !Number.isInteger(s.hours * 2)) {
      throw badUserInput(`input.services[${i}].hours`, `must be 0.5 to ${MAX_SERVICE_HOURS}, in half hours`);
    }
    return { volunteerId, hours: s.hours };
  });
  return { deliveredOn, services, content: optionalText('input.content', input.content, CONTENT_MAX) };
}

/**
 * Every named volunteer must exist and be ACTIVE in the volunteers subgraph (one batched call)
 * and serve with the organisation (one statement): BAD_USER_INPUT naming the first that does not.
 */
async function requireServingVolunteers(ctx: PartnershipsContext, organizationId: string, services: readonly NewPartnershipService[]): Promise<void> {
  const ids = services.map((s) => s.volunteerId);
  const [facts, members] = await Promise.all([volunteerFacts(ctx.clients.volunteers, ids, ctx.requestId), ctx.repos.organizations.membersAmong(organizationId, ids)]);
  const memberSet = new Set(members);
  ids.forEach((id, i) => {
    const field = `input.services[${i}].volunteerId`;
    const fact = facts[i];
    if (!fact) throw badUserInput(field, `names no registered volunteer (${id})`);
    if (fact.status !== 'ACTIVE') throw badUserInput(field, `names a ${fact.status} volunteer (${id})`);
    if (!memberSet.has(id)) throw badUserInput(field, `names volunteer ${id}, who does not serve with the organisation`);
  });
}

/**
 * The organisation reports a SCHEDULED order delivered: role, then the relation and the status
 * (checkOrderStep: FORBIDDEN, CONFLICT ILLEGAL_TRANSITION), then the input; then one transaction
 * takes the DELIVER step (compare-and-set, history with the content as its note) and writes the
 * services as outbox rows. Afterwards, outside the transaction and best effort, the records are
 * written in the projects subgraph at once; what fails there the record outbox retries.
 */
export async function deliverPartnershipOrder(ctx: PartnershipsContext, id: string, input: DeliverPartnershipOrderInput, now = new Date()): Promise<PartnershipOrder> {
  requireRole(ctx.viewer, 'deliver partnership orders', 'SOCIAL_ORGANIZATION');
  if (!ctx.viewer.socialOrganizationId) throw forbidden('Only a SOCIAL_ORGANIZATION account acting for its organisation (social_organization_id) may deliver partnership orders');
  const orderId = idArgument('id', id);
  const [order] = await ctx.repos.orders.byIds([orderId]);
  if (!order) throw notFound('PartnershipOrder', id);
  checkOrderStep(ctx, order, 'DELIVER');

  const delivery = checkDelivery(order, input, now);
  await requireServingVolunteers(ctx, order.socialOrganizationId!, delivery.services);
  const delivered = await ctx.transaction(async (repos) => {
    const updated = await takeOrderStep(ctx, repos, order, 'DELIVER', { deliveredOn: delivery.deliveredOn }, delivery.content);
    await repos.deliveries.insert(order.id, delivery.services);
    return updated;
  });

  try {
    await writeOrderRecords(ctx.repos, ctx.clients.projects, order.id, ctx.requestId);
  } catch (error) {
    ctx.logger.warn({ err: error, orderId: order.id }, 'delivery: service records not written yet; the record outbox retries');
  }
  return delivered;
}
