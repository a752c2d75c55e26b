import { anonymousViewer, type Role, type Viewer } from '@vg/standards';
import { federationsOf, issuerCovers, issuerLevelFor, issuerLevelOfRegion, mayIssue, maySeeCandidates } from './issuers';

const viewer = (roles: Role[], scopes: string[] = []): Viewer => ({ ...anonymousViewer, sub: 'u', roles, scopes });

describe('issuerLevelFor', () => {
  it.each([
    [1, 'COUNTY'],
    [2, 'COUNTY'],
    [3, 'CITY'],
    [4, 'CITY'],
    [5, 'PROVINCE'],
  ])('level %i is issued by a %s federation', (level, issuer) => expect(issuerLevelFor(level)).toBe(issuer));
});

describe('issuerLevelOfRegion', () => {
  it.each([
    ['370000', 'PROVINCE'],
    ['370300', 'CITY'],
    ['370303', 'COUNTY'],
    ['370323', 'COUNTY'],
    ['370303001', null],
    ['370100', null],
    ['370200', null],
    ['3703', null],
  ])('%s → %s', (code, level) => expect(issuerLevelOfRegion(code)).toBe(level));
});

describe('federationsOf', () => {
  it('reads federation scopes only', () => {
    expect(federationsOf(viewer(['ADMIN'], ['federation:370303', 'points:read', 'federation:37030', 'federation:370300']))).toEqual(['370303', '370300']);
  });
});

describe('mayIssue', () => {
  const county = viewer(['CENTRE_DISPATCHER'], ['federation:370303']);
  it('lets a county federation issue levels 1–2 only', () => {
    expect([1, 2, 3, 4, 5].map((level) => mayIssue(county, level, '370303'))).toEqual([true, true, false, false, false]);
  });
  it('refuses a region the viewer does not act for', () => {
    expect(mayIssue(county, 1, '370304')).toBe(false);
  });
  it('lets the city issue 3–4 and the province 5', () => {
    const city = viewer(['CENTRE_DISPATCHER'], ['federation:370300']);
    const province = viewer(['ADMIN'], ['federation:370000']);
    expect([1, 2, 3, 4, 5].map((level) => mayIssue(city, level, '370300'))).toEqual([false, false, true, true, false]);
    expect([1, 2, 3, 4, 5].map((level) => mayIssue(province, level, '370000'))).toEqual([false, false, false, false, true]);
  });
  it('needs the role as well as the scope', () => {
    expect(mayIssue(viewer(['DATA_STAFF'], ['federation:370303']), 1, '370303')).toBe(false);
    expect(mayIssue(viewer(['ADMIN']), 1, '370303')).toBe(false);
  });
});

describe('issuerCovers', () => {
  it('covers its own region and below', () => {
    expect(issuerCovers('370303', '370303001002')).toBe(true);
    expect(issuerCovers('370303', '370304')).toBe(false);
    expect(issuerCovers('370300', '370304001')).toBe(true);
    expect(issuerCovers('370000', '370304001')).toBe(true);
    expect(issuerCovers('370303', null)).toBe(false);
  });
});

describe('maySeeCandidates', () => {
  it('lets ADMIN and DATA_STAFF see any, an issuer only their level within their region', () => {
    const county = viewer(['CENTRE_DISPATCHER'], ['federation:370303']);
    expect(maySeeCandidates(viewer(['DATA_STAFF']), 5, '370303')).toBe(true);
    expect(maySeeCandidates(county, 2, '370303')).toBe(true);
    expect(maySeeCandidates(county, 2, '370303001')).toBe(true);
    expect(maySeeCandidates(county, 3, '370303')).toBe(false);
    expect(maySeeCandidates(county, 1, '370304')).toBe(false);
    expect(maySeeCandidates(viewer(['VOLUNTEER']), 1, '370303')).toBe(false);
  });
});
