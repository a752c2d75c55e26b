import { anonymousViewer, type Viewer } from '@vg/standards';
import { isViewerVolunteer, seesPersonalData } from './access';

const viewer = (v: Partial<Viewer>): Viewer => ({ ...anonymousViewer, ...v });
const linked = { id: '7', accountSub: 'account-7' };
const staffRegistered = { id: '8', accountSub: null };

describe('isViewerVolunteer', () => {
  it("recognises the volunteer by the token's volunteer id or by the account link", () => {
    expect(isViewerVolunteer(viewer({ sub: 'x', roles: ['VOLUNTEER'], volunteerId: '7' }), linked)).toBe(true);
    expect(isViewerVolunteer(viewer({ sub: 'account-7', roles: ['VOLUNTEER'] }), linked)).toBe(true);
  });

  it('never matches anonymous viewers or volunteers without a link', () => {
    expect(isViewerVolunteer(anonymousViewer, staffRegistered)).toBe(false);
    expect(isViewerVolunteer(viewer({ sub: 'account-7', roles: ['VOLUNTEER'] }), staffRegistered)).toBe(false);
    expect(isViewerVolunteer(viewer({ sub: 'someone-else', roles: ['VOLUNTEER'], volunteerId: '8' }), linked)).toBe(false);
  });
});

describe('seesPersonalData', () => {
  it('lets INSURER and ADMIN see anyone, others only themselves', () => {
    expect(seesPersonalData(viewer({ sub: 'i', roles: ['INSURER'] }), staffRegistered)).toBe(true);
    expect(seesPersonalData(viewer({ sub: 'a', roles: ['ADMIN'] }), staffRegistered)).toBe(true);
    expect(seesPersonalData(viewer({ sub: 'd', roles: ['DATA_STAFF', 'TEAM_LEADER'] }), staffRegistered)).toBe(false);
    expect(seesPersonalData(viewer({ sub: 'account-7', roles: ['VOLUNTEER'] }), linked)).toBe(true);
  });
});
