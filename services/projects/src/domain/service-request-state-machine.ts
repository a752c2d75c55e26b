import type { ServiceRequestStatus } from '../data/service-request.entity';

/** What can be done to a service request after it was ordered (点单 creates it as ORDERED). */
export type ServiceRequestAction = 'DISPATCH' | 'FUND' | 'ACCEPT' | 'COMPLETE' | 'RATE' | 'CANCEL';

/**
 * Who may take a step; the history records the party that took it as the actor's role. Three are
 * token roles (ADMIN only to rescue a request stuck before acceptance: it may dispatch, fund and
 * cancel, never act as the team, the volunteer or the resident); the others are relations to the request, decided by the actions from the request's
 * row and the volunteers subgraph:
 * - RESIDENT: the requester (same token subject, or the right tracking code for anonymous orders);
 * - TEAM_MEMBER: a volunteer who is a member of the team the request was dispatched to;
 * - ACCEPTING_VOLUNTEER: the volunteer who accepted it.
 */
export type ServiceRequestParty = 'RESIDENT' | 'CENTRE_DISPATCHER' | 'GOVERNMENT_FUNDER' | 'ADMIN' | 'TEAM_MEMBER' | 'ACCEPTING_VOLUNTEER';

export interface TransitionRule {
  /** The only statuses the action is legal from. */
  from: readonly ServiceRequestStatus[];
  to: ServiceRequestStatus;
  /** Who may take it, in order of preference when the viewer is several (recorded in the history). */
  by: readonly ServiceRequestParty[];
}

/**
 * The five-order loop: 点单 (ORDERED) → 派单 → 买单 → 接单 → done → 评单, and cancelling before a
 * volunteer accepted. Anything not in this table is illegal.
 */
export const SERVICE_REQUEST_TRANSITIONS: Readonly<Record<ServiceRequestAction, TransitionRule>> = Object.freeze({
  DISPATCH: { from: ['ORDERED'], to: 'DISPATCHED', by: ['CENTRE_DISPATCHER', 'ADMIN'] },
  FUND: { from: ['DISPATCHED'], to: 'FUNDED', by: ['GOVERNMENT_FUNDER', 'ADMIN'] },
  ACCEPT: { from: ['FUNDED'], to: 'ACCEPTED', by: ['TEAM_MEMBER'] },
  COMPLETE: { from: ['ACCEPTED'], to: 'COMPLETED', by: ['ACCEPTING_VOLUNTEER'] },
  RATE: { from: ['COMPLETED'], to: 'RATED', by: ['RESIDENT'] },
  CANCEL: { from: ['ORDERED', 'DISPATCHED', 'FUNDED'], to: 'CANCELLED', by: ['RESIDENT', 'CENTRE_DISPATCHER', 'ADMIN'] },
});

/** The status `action` leads to from `status`, or null when it is illegal from there. */
export function nextStatus(status: ServiceRequestStatus, action: ServiceRequestAction): ServiceRequestStatus | null {
  const rule = SERVICE_REQUEST_TRANSITIONS[action];
  return rule.from.includes(status) ? rule.to : null;
}
