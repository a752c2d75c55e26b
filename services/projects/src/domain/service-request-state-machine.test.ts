import type { ServiceRequestStatus } from '../data/service-request.entity';
import { nextStatus, SERVICE_REQUEST_TRANSITIONS, type ServiceRequestAction } from './service-request-state-machine';

const STATUSES: ServiceRequestStatus[] = ['ORDERED', 'DISPATCHED', 'FUNDED', 'ACCEPTED', 'COMPLETED', 'RATED', 'CANCELLED'];
const ACTIONS = Object.keys(SERVICE_REQUEST_TRANSITIONS) as ServiceRequestAction[];

/** Every legal step, written out by hand: the table must allow these and nothing else. */
const LEGAL: [ServiceRequestStatus, ServiceRequestAction, ServiceRequestStatus][] = [
  ['ORDERED', 'DISPATCH', 'DISPATCHED'],
  ['DISPATCHED', 'FUND', 'FUNDED'],
  ['FUNDED', 'ACCEPT', 'ACCEPTED'],
  ['ACCEPTED', 'COMPLETE', 'COMPLETED'],
  ['COMPLETED', 'RATE', 'RATED'],
  ['ORDERED', 'CANCEL', 'CANCELLED'],
  ['DISPATCHED', 'CANCEL', 'CANCELLED'],
  ['FUNDED', 'CANCEL', 'CANCELLED'],
];

describe('the five-order state machine', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it('refuses every other (status, action) pair', () => {
    const legal = new Set(LEGAL.map(([from, action]) => `${from}:${action}`));
    const illegal = STATUSES.flatMap((status) => ACTIONS.map((action) => [status, action] as const)).filter(([s, a]) => !legal.has(`${s}:${a}`));
    expect(illegal).toHaveLength(STATUSES.length * ACTIONS.length - LEGAL.length);
    for (const [status, action] of illegal) expect([status, action, nextStatus(status, action)]).toEqual([status, action, null]);
  });

  it('refuses the jumps residents and volunteers try most', () => {
    expect(nextStatus('ORDERED', 'ACCEPT')).toBeNull(); // accept before dispatch
    expect(nextStatus('ORDERED', 'FUND')).toBeNull(); // fund before dispatch
    expect(nextStatus('FUNDED', 'RATE')).toBeNull(); // rate before completion
    expect(nextStatus('RATED', 'RATE')).toBeNull(); // rate twice
    expect(nextStatus('ACCEPTED', 'CANCEL')).toBeNull(); // cancel once a volunteer is on the way
    expect(nextStatus('DISPATCHED', 'DISPATCH')).toBeNull(); // dispatch twice
  });

  it('walks the whole loop from ORDERED to RATED, one step per order', () => {
    let status: ServiceRequestStatus | null = 'ORDERED';
    const path: string[] = [status];
    for (const action of ['DISPATCH', 'FUND', 'ACCEPT', 'COMPLETE', 'RATE'] as const) {
      status = nextStatus(status!, action);
      path.push(status!);
    }
    expect(path).toEqual(['ORDERED', 'DISPATCHED', 'FUNDED', 'ACCEPTED', 'COMPLETED', 'RATED']);
  });

  it('leaves nothing to do after RATED or CANCELLED', () => {
    for (const status of ['RATED', 'CANCELLED'] as const) {
      expect(ACTIONS.map((action) => nextStatus(status, action))).toEqual(ACTIONS.map(() => null));
    }
  });

  it('gives each step to the right parties', () => {
    const by = Object.fromEntries(ACTIONS.map((action) => [action, SERVICE_REQUEST_TRANSITIONS[action].by]));
    expect(by).toEqual({
      DISPATCH: ['CENTRE_DISPATCHER', 'ADMIN'],
      FUND: ['GOVERNMENT_FUNDER', 'ADMIN'],
      ACCEPT: ['TEAM_MEMBER'],
      COMPLETE: ['ACCEPTING_VOLUNTEER'],
      RATE: ['RESIDENT'],
      CANCEL: ['RESIDENT', 'CENTRE_DISPATCHER', 'ADMIN'],
    });
  });
});
