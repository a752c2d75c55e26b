import { anonymousViewer, type Role, type Viewer } from '@vg/standards';
import type { PartnershipOrder } from '../data/partnership-order.entity';
import { dispatcherRegionPrefixes, mayReadOrder, orderListScope, requireOrderParty } from './order-access';
import { nextOrderStatus } from './order-state-machine';

const viewer = (roles: Role[], over: Partial<Viewer> = {}): Viewer => ({ ...anonymousViewer, sub: 'u', roles, ...over });
const order = { id: '7', enterpriseId: '1', socialOrganizationId: '2', regionCode: '370303001', status: 'DISPATCHED' } as PartnershipOrder;
const refusal = (v: Viewer, step: Parameters<typeof requireOrderParty>[2]) => {
  try {
    return requireOrderParty(v, order, step);
  } catch (error) {
    return (error as { extensions: { code: string } }).extensions.code;
  }
};

describe('order transitions', () => {
  it('allow only the table: a decline returns the order, cancelling ends before acceptance', () => {
    expect(nextOrderStatus('DISPATCHED', 'DECLINE')).toBe('ORDERED');
    expect(nextOrderStatus('ORDERED', 'ACCEPT')).toBeNull();
    expect(nextOrderStatus('ACCEPTED', 'CANCEL')).toBeNull();
    expect(nextOrderStatus('DELIVERED', 'RATE')).toBe('RATED');
    expect(nextOrderStatus('RATED', 'RATE')).toBeNull();
  });
});

describe('order access', () => {
  it('reads county scopes: none or the city is city-wide', () => {
    expect(dispatcherRegionPrefixes(viewer(['CENTRE_DISPATCHER']))).toBeNull();
    expect(dispatcherRegionPrefixes(viewer(['CENTRE_DISPATCHER'], { scopes: ['federation:370300'] }))).toBeNull();
    expect(dispatcherRegionPrefixes(viewer(['CENTRE_DISPATCHER'], { scopes: ['federation:370303', 'federation:370305', 'points:read'] }))).toEqual(['370303', '370305']);
  });

  it('names the party of each step, or FORBIDDEN', () => {
    expect(refusal(viewer(['SOCIAL_ORGANIZATION'], { socialOrganizationId: '2' }), 'ACCEPT')).toBe('SOCIAL_ORGANIZATION');
    expect(refusal(viewer(['SOCIAL_ORGANIZATION'], { socialOrganizationId: '3' }), 'ACCEPT')).toBe('FORBIDDEN');
    expect(refusal(viewer(['ADMIN']), 'ACCEPT')).toBe('FORBIDDEN');
    expect(refusal(viewer(['CENTRE_DISPATCHER'], { scopes: ['federation:370305'] }), 'DISPATCH')).toBe('FORBIDDEN');
    expect(refusal(viewer(['CENTRE_DISPATCHER'], { scopes: ['federation:370303'] }), 'CANCEL')).toBe('CENTRE_DISPATCHER');
    expect(refusal(viewer(['ENTERPRISE'], { enterpriseId: '1' }), 'CANCEL')).toBe('ENTERPRISE');
    // The claim counts only with the role.
    expect(refusal(viewer(['VOLUNTEER'], { enterpriseId: '1' }), 'RATE')).toBe('FORBIDDEN');
  });

  it('lets each viewer read and list only their orders', () => {
    expect(mayReadOrder(viewer(['ENTERPRISE'], { enterpriseId: '9' }), order)).toBe(false);
    expect(mayReadOrder(viewer(['DATA_STAFF']), order)).toBe(true);
    expect(orderListScope(viewer(['ENTERPRISE'], { enterpriseId: '9' }))).toEqual({ enterpriseId: '9' });
    expect(orderListScope(viewer(['SOCIAL_ORGANIZATION'], { socialOrganizationId: '2' }))).toEqual({ socialOrganizationId: '2' });
    expect(orderListScope(viewer(['CENTRE_DISPATCHER'], { scopes: ['federation:370322'] }))).toEqual({ regionPrefixes: ['370322'] });
    expect(orderListScope(viewer(['ENTERPRISE']))).toBeNull();
    expect(orderListScope(anonymousViewer)).toBeNull();
  });
});
