import { seedRegions } from '@vg/volunteers';
import { builders, dataOf, type BuiltVolunteer } from './builders';
import {
  CertifyStarsDocument,
  RevokeStarCertificationDocument,
  StarCandidatesDocument,
  StarDashboardDocument,
  VerifyStarCertificateDocument,
  VolunteerHonoursDocument,
} from './generated/honours-certifications';
import { startStack, type Stack, type TokenFor } from './testkit';

const ZHANGDIAN: TokenFor = { roles: ['CENTRE_DISPATCHER'], sub: 'zhangdian-federation', scopes: ['federation:370303'] };
const ZICHUAN: TokenFor = { roles: ['CENTRE_DISPATCHER'], sub: 'zichuan-federation', scopes: ['federation:370302'] };
const PROVINCE: TokenFor = { roles: ['ADMIN'], sub: 'province-federation', scopes: ['federation:370000'] };

let stack: Stack;
/** Volunteers with 99.5, 100, 299.9, 300 (张店区) and 1500 hours (淄川区). */
let v: BuiltVolunteer[];

const honoursDb = () => stack.honours.db.dataSource;
const certificates = async (): Promise<number> => (await honoursDb().query('SELECT count(*)::int AS n FROM star_certifications'))[0].n;

beforeAll(async () => {
  stack = await startStack();
  await seedRegions(stack.volunteers.db.dataSource);
  const world = builders(stack);
  v = [];
  for (const region of ['370303', '370303', '370303', '370303', '370302']) v.push(await world.volunteer({ region }));
  // The hours the feed consumer would have credited (it keeps volunteer_hours; these volunteers have no records).
  await honoursDb().query('INSERT INTO volunteer_hours (volunteer_id, hours, region_code) SELECT * FROM unnest($1::bigint[], $2::numeric[], $3::varchar[])', [
    v.map((x) => x.id),
    [99.5, 100, 299.9, 300, 1500],
    v.map((x) => x.regionCode),
  ]);
}, 120_000);
afterAll(() => stack?.stop());

describe('star levels and certification through the gateway', () => {
  it('shows 0, 1, 1, 2 and 5 stars for 99.5, 100, 299.9, 300 and 1500 hours', async () => {
    const levels = [];
    for (const x of v) levels.push(dataOf(await stack.query(VolunteerHonoursDocument, { id: x.id })).volunteer?.starLevel);
    expect(levels).toEqual([0, 1, 1, 2, 5]);
  });

  it('refuses a volunteer below the level, naming them, and writes nothing', async () => {
    const res = await stack.query(CertifyStarsDocument, { input: { level: 1, issuerRegionCode: '370303', volunteerIds: [v[1].id, v[0].id] } }, ZHANGDIAN);
    expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'input.volunteerIds[1]']]);
    const two = await stack.query(CertifyStarsDocument, { input: { level: 2, issuerRegionCode: '370303', volunteerIds: [v[2].id] } }, ZHANGDIAN);
    expect(two.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await certificates()).toBe(0);
  });

  it('refuses an issuer outside their level or region', async () => {
    const level = await stack.query(CertifyStarsDocument, { input: { level: 3, issuerRegionCode: '370303', volunteerIds: [v[3].id] } }, ZHANGDIAN);
    const region = await stack.query(CertifyStarsDocument, { input: { level: 1, issuerRegionCode: '370303', volunteerIds: [v[1].id] } }, ZICHUAN);
    const outside = await stack.query(CertifyStarsDocument, { input: { level: 2, issuerRegionCode: '370302', volunteerIds: [v[3].id] } }, ZICHUAN);
    expect([level, region].map((r) => r.errors?.[0].extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(outside.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'input.volunteerIds[0]']]);
    expect(await certificates()).toBe(0);
  });

  it('lists candidates, certifies in bulk, verifies publicly and revokes', async () => {
    const candidates = dataOf(await stack.query(StarCandidatesDocument, { level: 1, regionCode: '370303', first: 10 }, ZHANGDIAN)).starCandidates;
    expect(candidates.edges.map((e) => [e.node.volunteer.volunteerNo, e.node.recordedHours, e.node.qualifiesFor])).toEqual([
      [v[3].volunteerNo, 300, 2],
      [v[2].volunteerNo, 299.9, 1],
      [v[1].volunteerNo, 100, 1],
    ]);
    expect(candidates.totalCount).toBe(3);

    const issued = dataOf(await stack.query(CertifyStarsDocument, { input: { level: 1, issuerRegionCode: '370303', volunteerIds: [v[1].id, v[2].id] } }, ZHANGDIAN)).certifyStars;
    expect(issued.map((c) => [c.volunteer.volunteerNo, c.level, c.issuerLevel, c.status, c.issuedBy])).toEqual([
      [v[1].volunteerNo, 1, 'COUNTY', 'VALID', 'zhangdian-federation'],
      [v[2].volunteerNo, 1, 'COUNTY', 'VALID', 'zhangdian-federation'],
    ]);
    const [five] = dataOf(await stack.query(CertifyStarsDocument, { input: { level: 5, issuerRegionCode: '370000', volunteerIds: [v[4].id] } }, PROVINCE)).certifyStars;
    expect(five.certificateNo).toMatch(/^ZBXJ5-370000-\d{4}-\d{6}$/);
    const again = await stack.query(CertifyStarsDocument, { input: { level: 1, issuerRegionCode: '370303', volunteerIds: [v[1].id] } }, ZHANGDIAN);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_CERTIFIED' });

    // Anyone may verify a number: public fields only.
    const verified = dataOf(await stack.query(VerifyStarCertificateDocument, { certificateNo: issued[0].certificateNo })).verifyStarCertificate;
    expect(verified).toMatchObject({ level: 1, issuerRegionCode: '370303', status: 'VALID', volunteerNo: v[1].volunteerNo });

    const other = await stack.query(RevokeStarCertificationDocument, { id: issued[0].id, reason: '时长更正' }, ZICHUAN);
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const revoked = dataOf(await stack.query(RevokeStarCertificationDocument, { id: issued[0].id, reason: '时长更正' }, ZHANGDIAN)).revokeStarCertification;
    expect(revoked).toMatchObject({ status: 'REVOKED', revokeReason: '时长更正' });
    const twice = await stack.query(RevokeStarCertificationDocument, { id: issued[0].id, reason: '再次' }, PROVINCE);
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_REVOKED' });
    expect(dataOf(await stack.query(VerifyStarCertificateDocument, { certificateNo: issued[0].certificateNo })).verifyStarCertificate?.status).toBe('REVOKED');

    const profile = dataOf(await stack.query(VolunteerHonoursDocument, { id: v[2].id })).volunteer;
    expect(profile?.certifications.map((c) => [c.level, c.status])).toEqual([[1, 'VALID']]);
  });

  it('counts star volunteers by county on the dashboard, for centre staff only', async () => {
    expect((await stack.query(StarDashboardDocument, { regionCode: '370303' }, { roles: ['VOLUNTEER'] })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const board = dataOf(await stack.query(StarDashboardDocument, { regionCode: '370303' }, { roles: ['DATA_STAFF'] })).honoursDashboard;
    expect(board.starVolunteers).toEqual([
      { regionCode: '370303', level: 1, qualified: 3, certified: 1 },
      { regionCode: '370303', level: 2, qualified: 1, certified: 0 },
    ]);
  });
});
