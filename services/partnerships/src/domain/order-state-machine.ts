import { notFound } from '@vg/graphql';
import { conflict } from '@vg/standards';
import type { PartnershipsContext } from '../context';
import type { OrderChanges, OrderGuard } from '../data/order.repository';
import type { PartnershipOrderAction } from '../data/partnership-order-event.entity';
import type { PartnershipOrder, PartnershipOrderStatus } from '../data/partnership-order.entity';
import type { Repositories } from '../data/repositories';
import { requireOrderParty, type OrderParty } from './order-access';

/** What can be done to an order after it was placed (企业点单 creates it as ORDERED). */
export type OrderStep = Exclude<PartnershipOrderAction, 'ORDER'>;

export interface OrderTransitionRule {
  /** The only statuses the step is legal from. */
  from: readonly PartnershipOrderStatus[];
  to: PartnershipOrderStatus;
  /** Who may take it, in order of preference when the viewer is several (recorded in the history). */
  by: readonly OrderParty[];
}

/**
 * 企业点单 → 联合会派单 → 社会组织接单 → scheduled → delivered → rated; a decline returns the order
 * for another dispatch, and it can be cancelled until an organisation accepted it. ADMIN only
 * rescues (dispatch, cancel): it never acts as the enterprise or the organisation. Anything not
 * in this table is illegal.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStep, OrderTransitionRule>> = Object.freeze({
  DISPATCH: { from: ['ORDERED'], to: 'DISPATCHED', by: ['CENTRE_DISPATCHER', 'ADMIN'] },
  ACCEPT: { from: ['DISPATCHED'], to: 'ACCEPTED', by: ['SOCIAL_ORGANIZATION'] },
  DECLINE: { from: ['DISPATCHED'], to: 'ORDERED', by: ['SOCIAL_ORGANIZATION'] },
  SCHEDULE: { from: ['ACCEPTED'], to: 'SCHEDULED', by: ['SOCIAL_ORGANIZATION'] },
  DELIVER: { from: ['SCHEDULED'], to: 'DELIVERED', by: ['SOCIAL_ORGANIZATION'] },
  RATE: { from: ['DELIVERED'], to: 'RATED', by: ['ENTERPRISE'] },
  CANCEL: { from: ['ORDERED', 'DISPATCHED'], to: 'CANCELLED', by: ['ENTERPRISE', 'CENTRE_DISPATCHER', 'ADMIN'] },
});

/** The status `step` leads to from `status`, or null when it is illegal from there. */
export function nextOrderStatus(status: PartnershipOrderStatus, step: OrderStep): PartnershipOrderStatus | null {
  const rule = ORDER_TRANSITIONS[step];
  return rule.from.includes(status) ? rule.to : null;
}

/** CONFLICT ILLEGAL_TRANSITION, saying the order's current status and what the step needs. */
export function illegalOrderTransition(order: Pick<PartnershipOrder, 'id' | 'status'>, step: OrderStep) {
  const rule = ORDER_TRANSITIONS[step];
  return conflict(`Partnership order ${order.id} is ${order.status}: it cannot become ${rule.to} (${step.toLowerCase()} needs ${rule.from.join(' or ')})`, 'ILLEGAL_TRANSITION');
}

/**
 * Decides a step before its input is read: the viewer must be a party to it (FORBIDDEN) and the
 * order's status must allow it (CONFLICT ILLEGAL_TRANSITION, naming the status). Returns the
 * party the history records.
 */
export function checkOrderStep(ctx: Pick<PartnershipsContext, 'viewer'>, order: PartnershipOrder, step: OrderStep): OrderParty {
  const party = requireOrderParty(ctx.viewer, order, step);
  if (!nextOrderStatus(order.status, step)) throw illegalOrderTransition(order, step);
  return party;
}

/**
 * Takes one step of the order loop in the caller's transaction (`repos` bound to it): checks the
 * party and the transition (checkOrderStep), then a compare-and-set on the status read (and, for
 * the organisation's steps, on the organisation it was decided for) with `changes`, and the
 * history event with `note`. Of concurrent steps exactly one wins: the others get CONFLICT
 * (ILLEGAL_TRANSITION naming the new status, or CONCURRENT_CHANGE) and, as the transaction rolls
 * back, nothing is written. Returns the order as it now is. The DELIVER step (delivery-actions)
 * calls this, and writes its services in the same transaction.
 */
export async function takeOrderStep(
  ctx: Pick<PartnershipsContext, 'viewer'>,
  repos: Repositories,
  order: PartnershipOrder,
  step: OrderStep,
  changes: OrderChanges = {},
  note: string | null = null,
): Promise<PartnershipOrder> {
  const party = checkOrderStep(ctx, order, step);
  const to = nextOrderStatus(order.status, step)!;
  const guard: OrderGuard = party === 'SOCIAL_ORGANIZATION' ? { socialOrganizationId: order.socialOrganizationId! } : {};
  if (!(await repos.orders.transition(order.id, order.status, to, changes, guard))) {
    const [current] = await repos.orders.byIds([order.id]);
    if (!current) throw notFound('PartnershipOrder', order.id);
    if (current.status !== order.status) throw illegalOrderTransition(current, step);
    throw conflict(`Partnership order ${order.id} changed while you were acting on it; reload it and try again`, 'CONCURRENT_CHANGE');
  }
  await repos.orders.addEvent({ orderId: order.id, fromStatus: order.status, toStatus: to, action: step, actor: ctx.viewer.sub ?? 'anonymous', actorRole: party, note });
  const [updated] = await repos.orders.byIds([order.id]);
  return updated;
}
