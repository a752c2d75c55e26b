import { forbidden, hasRole } from '@vg/graphql';
import { CITY_REGION_CODE, type Viewer } from '@vg/standards';
import type { OrderQuery } from '../data/order.repository';
import type { PartnershipOrder } from '../data/partnership-order.entity';
import type { OrderStep } from './order-state-machine';
import { ORDER_TRANSITIONS } from './order-state-machine';

/**
 * Who takes a step of an order. CENTRE_DISPATCHER and ADMIN are token roles (a dispatcher only
 * within their scope, see dispatcherRegionPrefixes); the others are relations to the order:
 * - ENTERPRISE: an ENTERPRISE viewer whose token's `enterprise_id` is the order's enterprise;
 * - SOCIAL_ORGANIZATION: a SOCIAL_ORGANIZATION viewer whose `social_organization_id` is the
 *   organisation the order is dispatched to.
 */
export type OrderParty = 'ENTERPRISE' | 'SOCIAL_ORGANIZATION' | 'CENTRE_DISPATCHER' | 'ADMIN';

/** Roles that read every order. */
export const ORDER_READERS = ['ADMIN', 'DATA_STAFF'] as const;

/** A county federation's scope: `federation:<county code>` (a Zibo county, 3703xx but not the city). */
const FEDERATION_SCOPE = /^federation:(3703\d{2})$/;

/**
 * The region prefixes a CENTRE_DISPATCHER works in: null for the city-wide centre (no federation
 * scope, or `federation:370300`), else the prefixes of the counties of their `federation:<county>`
 * scopes. Only meaningful for a CENTRE_DISPATCHER.
 */
export function dispatcherRegionPrefixes(viewer: Pick<Viewer, 'scopes'>): string[] | null {
  const codes = viewer.scopes.flatMap((scope) => FEDERATION_SCOPE.exec(scope)?.[1] ?? []);
  if (codes.length === 0 || codes.includes(CITY_REGION_CODE)) return null;
  return [...new Set(codes)].map((code) => code.slice(0, 6));
}

/** Is the viewer a CENTRE_DISPATCHER whose scope covers `regionCode`? */
export function isCentreFor(viewer: Viewer, regionCode: string): boolean {
  if (!hasRole(viewer, 'CENTRE_DISPATCHER')) return false;
  const prefixes = dispatcherRegionPrefixes(viewer);
  return prefixes === null || prefixes.some((prefix) => regionCode.startsWith(prefix));
}

/** The enterprise an ENTERPRISE viewer acts for (null for anyone else). */
export function actingEnterpriseId(viewer: Viewer): string | null {
  return hasRole(viewer, 'ENTERPRISE') ? viewer.enterpriseId : null;
}

/** The social organisation a SOCIAL_ORGANIZATION viewer acts for (null for anyone else). */
export function actingSocialOrganizationId(viewer: Viewer): string | null {
  return hasRole(viewer, 'SOCIAL_ORGANIZATION') ? viewer.socialOrganizationId : null;
}

/** Is the viewer `party` to this order? */
export function isOrderParty(viewer: Viewer, order: PartnershipOrder, party: OrderParty): boolean {
  switch (party) {
    case 'ADMIN':
      return hasRole(viewer, 'ADMIN');
    case 'CENTRE_DISPATCHER':
      return isCentreFor(viewer, order.regionCode);
    case 'ENTERPRISE':
      return actingEnterpriseId(viewer) !== null && actingEnterpriseId(viewer) === order.enterpriseId;
    case 'SOCIAL_ORGANIZATION':
      return actingSocialOrganizationId(viewer) !== null && actingSocialOrganizationId(viewer) === order.socialOrganizationId;
  }
}

const REFUSAL: Record<OrderStep, string> = {
  DISPATCH: 'Only the centre (CENTRE_DISPATCHER, a county federation for its county) or ADMIN may dispatch partnership order',
  ACCEPT: 'Only the social organisation it was dispatched to may accept partnership order',
  DECLINE: 'Only the social organisation it was dispatched to may decline partnership order',
  SCHEDULE: 'Only the social organisation it was dispatched to may schedule partnership order',
  DELIVER: 'Only the social organisation it was dispatched to may deliver partnership order',
  RATE: 'Only the enterprise that ordered it may rate partnership order',
  CANCEL: 'Only the enterprise that ordered it, the centre or ADMIN may cancel partnership order',
};

/** The first party (in the rule's order) the viewer is for `step` of the order; FORBIDDEN when none. */
export function requireOrderParty(viewer: Viewer, order: PartnershipOrder, step: OrderStep): OrderParty {
  const party = ORDER_TRANSITIONS[step].by.find((p) => isOrderParty(viewer, order, p));
  if (!party) throw forbidden(`${REFUSAL[step]} ${order.id}`);
  return party;
}

/** May the viewer see this order: its enterprise, its organisation, the centre in scope, ADMIN, DATA_STAFF. */
export function mayReadOrder(viewer: Viewer, order: PartnershipOrder): boolean {
  if (hasRole(viewer, ...ORDER_READERS)) return true;
  return isCentreFor(viewer, order.regionCode) || isOrderParty(viewer, order, 'ENTERPRISE') || isOrderParty(viewer, order, 'SOCIAL_ORGANIZATION');
}

export function requireReadableOrder(viewer: Viewer, order: PartnershipOrder): void {
  if (!mayReadOrder(viewer, order)) throw forbidden(`You may not see partnership order ${order.id}`);
}

/**
 * The orders a viewer may list, as a condition on the query: everything for ADMIN, DATA_STAFF and
 * the city-wide centre; a county dispatcher's counties; an enterprise's own; those dispatched to
 * an organisation. Null: the viewer may list none (FORBIDDEN). The broadest applies when a viewer
 * has several roles.
 */
export function orderListScope(viewer: Viewer): OrderQuery | null {
  if (hasRole(viewer, ...ORDER_READERS)) return {};
  if (hasRole(viewer, 'CENTRE_DISPATCHER')) {
    const prefixes = dispatcherRegionPrefixes(viewer);
    return prefixes === null ? {} : { regionPrefixes: prefixes };
  }
  const enterpriseId = actingEnterpriseId(viewer);
  if (enterpriseId) return { enterpriseId };
  const organizationId = actingSocialOrganizationId(viewer);
  if (organizationId) return { socialOrganizationId: organizationId };
  return null;
}

/** The centre (any dispatcher) or ADMIN: who sees organisations' contact phones besides the organisation itself. */
export function seesAllContacts(viewer: Viewer): boolean {
  return hasRole(viewer, 'CENTRE_DISPATCHER', 'ADMIN');
}
