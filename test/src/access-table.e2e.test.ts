import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Kind, parse, print, type ObjectTypeDefinitionNode } from 'graphql';
import { SUPERGRAPH_PATH } from '@vg/schema';
import { makeCreditCode, ROLES, type TokenRole } from '@vg/standards';
import { seedRegions } from '@vg/volunteers';
import { builders, dataOf, type BuiltVolunteer } from './builders';
import * as ops from './generated/access-table';
import { LoopAcceptDocument, LoopCompleteDocument, LoopDispatchDocument, LoopFundDocument } from './generated/service-requests';
import { startStack, type GraphQLResponse, type Stack, type TokenFor } from './testkit';

/**
 * The README's "Who may see and do what", cell by cell: both tables are read from README.md and
 * every cell is asked of a running stack through the gateway. A column is a token with one role and
 * the claims that role works with; a relation mark (`own`, `team`, `lead`, `point`, `scope`) is
 * tried with the relation (must be let through) and without it (must not be). The rows must be every
 * public mutation of the supergraph and the columns anonymous and every role, so a new mutation or
 * role fails here until the table is updated.
 */

type Column = 'anonymous' | TokenRole;
const COLUMNS: Column[] = ['anonymous', ...ROLES];

interface Table {
  header: string[];
  rows: { name: string; cells: Record<string, string> }[];
}

/** The Markdown table between `<!-- access-table:<name> -->` and its closing marker. */
function readmeTable(name: string): Table {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const section = readme.split(`<!-- access-table:${name} -->`)[1]?.split(`<!-- /access-table:${name} -->`)[0];
  if (!section) throw new Error(`README.md has no <!-- access-table:${name} --> … <!-- /access-table:${name} --> section`);
  const [headerLine, , ...lines] = section
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('|'));
  const split = (line: string) =>
    line
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
  const [, ...header] = split(headerLine);
  return { header, rows: lines.map(split).map(([rowName, ...cells]) => ({ name: rowName, cells: Object.fromEntries(header.map((h, i) => [h, cells[i]])) })) };
}

/** The public Mutation fields of the committed supergraph (not the `@inaccessible` ones). */
function supergraphMutations(inaccessible = false): string[] {
  const mutation = parse(readFileSync(SUPERGRAPH_PATH, 'utf8')).definitions.find((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Mutation');
  return (mutation?.fields ?? []).filter((f) => (f.directives ?? []).some((d) => d.name.value === 'inaccessible') === inaccessible).map((f) => f.name.value);
}

const FIELDS = readmeTable('fields');
const MUTATIONS = readmeTable('mutations');

// --- The world the cells are asked about ---

const PHONE = '13905331234';
const ADMIN: TokenFor = { roles: ['ADMIN'], sub: 'access-admin' };
const OTHER_RESIDENT: TokenFor = { roles: ['VOLUNTEER'], sub: 'access-other-resident' };

let stack: Stack;
/** V: a plain volunteer; L: leads team T; W: a member of T; X: in no team of theirs. */
let v: BuiltVolunteer, l: BuiltVolunteer, w: BuiltVolunteer, x: BuiltVolunteer;
let ids: { team: string; project: string; activity: string; record: string; point: string; enterprises: [string, string]; organizations: [string, string]; fund: string };
/** A service request with a phone ordered by each column's token (anonymously: with its tracking code), and one by someone else. */
const requests = new Map<Column | 'other', { id: string; trackingCode: string | null }>();

/** The token of a column, with the claims its role works with (undefined: anonymous). */
function withClaims(column: Column): TokenFor | undefined {
  if (column === 'anonymous') return undefined;
  return {
    roles: [column],
    sub: `access-${column}`,
    volunteerId: column === 'VOLUNTEER' ? v.id : column === 'TEAM_LEADER' ? l.id : null,
    redemptionPointId: column === 'STATION_STAFF' ? ids.point : null,
    enterpriseId: column === 'ENTERPRISE' ? ids.enterprises[0] : null,
    socialOrganizationId: column === 'SOCIAL_ORGANIZATION' ? ids.organizations[0] : null,
    scopes: column === 'CENTRE_DISPATCHER' || column === 'ADMIN' ? ['federation:370303'] : [],
  };
}

/** The same role without any claim or scope (and no account link): the relation cannot hold. */
function bare(column: Column): TokenFor | undefined {
  return column === 'anonymous' ? undefined : { roles: [column], sub: `access-bare-${column}` };
}

beforeAll(async () => {
  stack = await startStack();
  await seedRegions(stack.volunteers.db.dataSource);
  const world = builders(stack);
  const team = await world.team({ level: 'COUNTY', region: '370303' });
  [v, l, w, x] = await Promise.all([
    world.volunteer({ phone: '13805330001' }),
    world.volunteer({ phone: '13805330002' }).inTeam(team).asLeader(),
    world.volunteer({ phone: '13805330003' }).inTeam(team),
    world.volunteer({ phone: '13805330004' }),
  ]);
  // A new-employment profile for everyone whose profile a cell reads.
  for (const who of [v, l, x]) dataOf(await stack.query(ops.AccessMarkNewEmploymentDocument, { volunteerId: who.id }, ADMIN), 'marking new employment');
  const project = await world.project({ team });
  const activity = await world.activity({ project }).published();
  // Redemption points and funds have no creating mutation: written straight into their databases.
  const [{ id: point }]: { id: string }[] = await stack.honours.db.dataSource.query(
    `INSERT INTO redemption_points (name, kind, operator, lat, lng, address, region_code) VALUES ('和平社区美德超市', 'VIRTUE_SUPERMARKET', '车站便民超市', 36.8075, 118.0512, '人民路1号', '370303') RETURNING id::text`,
  );
  const [{ id: fund }]: { id: string }[] = await stack.partnerships.db.dataSource.query(`INSERT INTO community_funds (name, region_code) VALUES ('和平社区发展基金', '370303001') RETURNING id::text`);
  const enterprise = async (n: number) =>
    dataOf(
      await stack.query(
        ops.AccessRegisterEnterpriseDocument,
        { input: { name: `淄博访问${n}有限公司`, creditCode: makeCreditCode(`91370303MA3C8A${n}X`.slice(0, 17)), regionCode: '370303', contactPhone: PHONE } },
        ADMIN,
      ),
      'registering an enterprise',
    ).registerEnterprise.id;
  const organization = async (n: number) =>
    dataOf(
      await stack.query(
        ops.AccessRegisterSocialOrganizationDocument,
        { input: { name: `张店区访问${n}服务中心`, creditCode: makeCreditCode(`52370303MA3C8B${n}X`.slice(0, 17)), regionCode: '370303', contactPhone: PHONE, serviceTypes: ['MENTAL_HEALTH'] } },
        ADMIN,
      ),
      'registering a social organisation',
    ).registerSocialOrganization.id;
  ids = {
    team: team.id,
    project: project.id,
    activity: activity.id,
    record: await serviceRecordOf(w, team.id),
    point,
    enterprises: [await enterprise(11), await enterprise(12)],
    organizations: [await organization(21), await organization(22)],
    fund,
  };
  const input = { title: '助老送餐', address: '张店区共青团路 88 号', regionCode: '370303001', contactPhone: PHONE };
  await Promise.all(
    [...COLUMNS, 'other' as const].map(async (column) => {
      const as = column === 'other' ? OTHER_RESIDENT : withClaims(column);
      const { orderService } = dataOf(await stack.query(ops.AccessOrderServiceDocument, { input }, as), `ordering as ${column}`);
      requests.set(column, orderService);
    }),
  );
}, 120_000);
afterAll(() => stack?.stop());

/** A service record of `volunteer`, served for `teamId`: a request dispatched to it, accepted and completed by them. */
async function serviceRecordOf(volunteer: BuiltVolunteer, teamId: string): Promise<string> {
  const input = { title: '上门理发', address: '张店区共青团路 90 号', regionCode: '370303001' };
  const { orderService } = dataOf(await stack.query(ops.AccessOrderServiceDocument, { input }, OTHER_RESIDENT), 'ordering the served request');
  dataOf(await stack.query(LoopDispatchDocument, { id: orderService.id, teamId }, ADMIN), 'dispatching it');
  dataOf(await stack.query(LoopFundDocument, { id: orderService.id, amount: 50 }, ADMIN), 'funding it');
  dataOf(await stack.query(LoopAcceptDocument, { id: orderService.id }, volunteer.as), 'accepting it');
  dataOf(await stack.query(LoopCompleteDocument, { id: orderService.id, input: { hours: 0.5 } }, volunteer.as), 'completing it');
  const [{ id }]: { id: string }[] = await stack.projects.db.dataSource.query('SELECT id::text FROM service_records WHERE volunteer_id = $1', [volunteer.id]);
  return id;
}

const codeOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.code ?? (response.errors?.length ? 'ERROR' : 'OK');

describe('the tables cover the supergraph and the roles', () => {
  it('has the columns anonymous and every role, in both tables', () => {
    expect(FIELDS.header).toEqual(COLUMNS);
    expect(MUTATIONS.header).toEqual(COLUMNS);
  });

  it('has a row for every public mutation of the supergraph, and a case for each row', () => {
    expect(MUTATIONS.rows.map((r) => r.name).sort()).toEqual(supergraphMutations().sort());
    expect(Object.keys(ATTEMPTS).sort()).toEqual(supergraphMutations().sort());
  });

  it('has a probe for every field row, and a known mark in every cell', () => {
    expect(FIELDS.rows.map((r) => r.name).filter((name) => !PROBES[name])).toEqual([]);
    expect(FIELDS.rows.flatMap((r) => Object.values(r.cells)).filter((c) => !FIELD_MARKS.includes(c))).toEqual([]);
    expect(MUTATIONS.rows.flatMap((r) => Object.values(r.cells)).filter((c) => !MUTATION_MARKS.includes(c))).toEqual([]);
  });

  it.each(supergraphMutations(true))('the gateway refuses the internal %s (not in the public graph), even for ADMIN', async (mutation) => {
    const { data, errors } = await stack.query(`mutation { ${mutation}(input: {}) { id } }`, {}, ADMIN);
    expect(data).toBeUndefined();
    expect(errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

// --- Sensitive fields ---

type Seen = 'full' | 'masked' | '—' | string;
type Subject = 'mine' | 'led' | 'theirs';
const FIELD_MARKS = ['full', 'masked', 'own', 'own/—', 'team', 'point', '—'];

/** How a row's field looks to `as`, on the subject of the relation asked for. */
type Probe = (as: TokenFor | undefined, subject: Subject, column: Column) => Promise<Seen>;

const MASKED_PHONE = /^1\d{2}\*{4}\d{4}$/;
const MASKED_ID = /^\d{6}\*{8}\d{3}[\dX]$/;

/** What came back: `—` for null or FORBIDDEN, `full`/`masked` by the row's tests, the error code otherwise. */
function seen(response: GraphQLResponse<unknown>, value: unknown, full: (v: unknown) => boolean, masked: (v: unknown) => boolean = () => false): Seen {
  const code = response.errors?.[0]?.extensions?.code;
  if (code === 'FORBIDDEN') return '—';
  if (code) return `error ${code}`;
  if (value == null) return '—';
  if (masked(value)) return 'masked';
  return full(value) ? 'full' : `unexpected ${JSON.stringify(value)}`;
}

function volunteerOf(subject: Subject, column: Column): BuiltVolunteer {
  if (subject === 'mine') return column === 'TEAM_LEADER' ? l : v;
  return subject === 'led' ? w : x;
}

/** A field of `volunteer(id)`: its value by `pick`. */
function volunteerProbe<R>(
  document: TypedDocumentNode<R, { id: string }>,
  pick: (data: R | undefined) => unknown,
  full: (value: unknown, who: BuiltVolunteer) => boolean,
  masked?: (value: unknown) => boolean,
): Probe {
  return async (as, subject, column) => {
    const who = volunteerOf(subject, column);
    const response = await stack.query(document, { id: who.id }, as);
    return seen(response, pick(response.data), (value) => full(value, who), masked);
  };
}

const personal = (pick: (volunteer: { name: string; birthDate?: string | null; phone?: string | null; idNumber: string }) => unknown) => (data: ops.AccessVolunteerQuery | undefined) =>
  data?.volunteer ? pick(data.volunteer) : null;
const PHONES = new Map<string, string>();
const isNumber = (value: unknown) => typeof value === 'number';

const PROBES: Record<string, Probe> = {
  'Volunteer.name': volunteerProbe(
    ops.AccessVolunteerDocument,
    personal((p) => p.name),
    (value, who) => value === who.name,
    (value) => typeof value === 'string' && /^.\*+$/u.test(value),
  ),
  'Volunteer.birthDate': volunteerProbe(
    ops.AccessVolunteerDocument,
    personal((p) => p.birthDate),
    (value, who) => value === `${who.idNumber.slice(6, 10)}-${who.idNumber.slice(10, 12)}-${who.idNumber.slice(12, 14)}`,
  ),
  'Volunteer.phone': volunteerProbe(
    ops.AccessVolunteerDocument,
    personal((p) => p.phone),
    (value, who) => value === PHONES.get(who.id),
    (value) => MASKED_PHONE.test(String(value)),
  ),
  'Volunteer.idNumber': volunteerProbe(
    ops.AccessVolunteerDocument,
    personal((p) => p.idNumber),
    (value, who) => value === who.idNumber,
    (value) => MASKED_ID.test(String(value)),
  ),
  'Volunteer.insurance': volunteerProbe(
    ops.AccessVolunteerInsuranceDocument,
    (data) => data?.volunteer?.insurance?.coveredOn,
    (value) => typeof value === 'boolean',
  ),
  'Volunteer.points': volunteerProbe(
    ops.AccessVolunteerPointsDocument,
    (data) => data?.volunteer?.points,
    (value) => isNumber((value as { balance: unknown }).balance) && isNumber((value as { ledger: { totalCount: unknown } }).ledger.totalCount),
  ),
  'Volunteer.serviceRecords': volunteerProbe(ops.AccessVolunteerServiceDocument, (data) => data?.volunteer?.serviceRecords.totalCount, isNumber),
  'Volunteer.signups': volunteerProbe(ops.AccessVolunteerSignupsDocument, (data) => data?.volunteer?.signups, Array.isArray),
  'Volunteer.partnershipServices': volunteerProbe(ops.AccessVolunteerPartnershipServicesDocument, (data) => data?.volunteer?.partnershipServices, Array.isArray),
  'Volunteer.newEmployment': volunteerProbe(
    ops.AccessVolunteerNewEmploymentDocument,
    (data) => data?.volunteer?.newEmployment?.occupation,
    (value) => value === 'COURIER',
  ),
  'ServiceRequest.contactPhone': async (as, subject, column) => {
    const request = requests.get(subject === 'mine' ? column : 'other')!;
    const response = await stack.query(ops.AccessServiceRequestPhoneDocument, { id: request.id, trackingCode: subject === 'mine' ? request.trackingCode : null }, as);
    return seen(
      response,
      response.data?.serviceRequest?.contactPhone,
      (value) => value === PHONE,
      (value) => MASKED_PHONE.test(String(value)),
    );
  },
  'Enterprise.contactPhone': async (as, subject) => {
    const response = await stack.query(ops.AccessEnterpriseDocument, { id: ids.enterprises[subject === 'mine' ? 0 : 1] }, as);
    return seen(
      response,
      response.data?.enterprise?.contactPhone,
      (value) => value === PHONE,
      (value) => MASKED_PHONE.test(String(value)),
    );
  },
  'Enterprise.orders': async (as, subject) => {
    const response = await stack.query(ops.AccessEnterpriseOrdersDocument, { id: ids.enterprises[subject === 'mine' ? 0 : 1] }, as);
    return seen(response, response.data?.enterprise?.orders.totalCount, isNumber);
  },
  'SocialOrganization.contactPhone': async (as, subject) => {
    const response = await stack.query(ops.AccessSocialOrganizationDocument, { id: ids.organizations[subject === 'mine' ? 0 : 1] }, as);
    return seen(
      response,
      response.data?.socialOrganization?.contactPhone,
      (value) => value === PHONE,
      (value) => MASKED_PHONE.test(String(value)),
    );
  },
  'CommunityFund.ledger': async (as) => {
    const response = await stack.query(ops.AccessFundLedgerDocument, { id: ids.fund }, as);
    return seen(response, response.data?.communityFund?.ledger.totalCount, isNumber);
  },
};

/** What each mark asks: [token, subject, what must be seen]. */
function fieldChecks(mark: string, column: Column): [TokenFor | undefined, Subject, Seen][] {
  const as = withClaims(column);
  switch (mark) {
    case 'own':
      return [
        [as, 'mine', 'full'],
        [as, 'theirs', 'masked'],
      ];
    case 'own/—':
      return [
        [as, 'mine', 'full'],
        [as, 'theirs', '—'],
      ];
    case 'team':
      return [
        [as, 'led', 'full'],
        [as, 'theirs', '—'],
      ];
    case 'point':
      return [
        [as, 'theirs', 'full'],
        [bare(column), 'theirs', '—'],
      ];
    default:
      return [[as, 'theirs', mark]];
  }
}

describe('sensitive fields', () => {
  beforeAll(() => {
    for (const [who, phone] of [
      [v, '13805330001'],
      [l, '13805330002'],
      [w, '13805330003'],
      [x, '13805330004'],
    ] as const)
      PHONES.set(who.id, phone);
  });

  it.each(FIELDS.rows.map((row) => [row.name, row] as const))('%s: every cell as the README says', async (name, row) => {
    const probe = PROBES[name];
    expect(probe).toBeDefined();
    const cells = COLUMNS.flatMap((column) => fieldChecks(row.cells[column], column).map(([as, subject, expected]) => ({ column, subject, expected, as })));
    const actual = await Promise.all(cells.map(async (c) => ({ column: c.column, subject: c.subject, seen: await probe(c.as, c.subject, c.column) })));
    expect(actual).toEqual(cells.map((c) => ({ column: c.column, subject: c.subject, seen: c.expected })));
  });
});

// --- Mutations ---

const MUTATION_MARKS = ['✓', 'own', 'lead', 'scope', '—'];

/** The ids an attempt may name for the caller of `column`: their own volunteer, the one they act on, a request they ordered. */
interface Relation {
  self: string;
  target: string;
  request: { id: string; trackingCode: string | null };
}

function relationOf(column: Column, withRelation: boolean): Relation {
  const request = requests.get(column)!;
  return {
    self: column === 'VOLUNTEER' ? v.id : column === 'TEAM_LEADER' ? l.id : w.id,
    target: column === 'VOLUNTEER' ? v.id : w.id,
    request: withRelation ? request : { id: request.id, trackingCode: null },
  };
}

type Attempt = (as: TokenFor | undefined, relation: Relation) => Promise<GraphQLResponse<unknown>>;

/** Sends `document` with the variables `variables` gives for the caller's relation. */
function attempt<R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, variables: (r: Relation) => V = () => ({}) as V): Attempt {
  const source = print(document);
  return (as, relation) => stack.query(source, variables(relation), as);
}

const ATTEMPTS: Record<string, Attempt> = {
  certifyStars: attempt(ops.AttemptCertifyStarsDocument),
  revokeStarCertification: attempt(ops.AttemptRevokeStarCertificationDocument),
  commend: attempt(ops.AttemptCommendDocument),
  redeem: attempt(ops.AttemptRedeemDocument, () => ({ redemptionPointId: ids.point })),
  refundRedemption: attempt(ops.AttemptRefundRedemptionDocument),
  adjustPoints: attempt(ops.AttemptAdjustPointsDocument),
  setPointsRule: attempt(ops.AttemptSetPointsRuleDocument),
  enrolVolunteers: attempt(ops.AttemptEnrolVolunteersDocument),
  cancelEnrolment: attempt(ops.AttemptCancelEnrolmentDocument),
  registerEnterprise: attempt(ops.AttemptRegisterEnterpriseDocument),
  registerSocialOrganization: attempt(ops.AttemptRegisterSocialOrganizationDocument),
  addOrganizationVolunteer: attempt(ops.AttemptAddOrganizationVolunteerDocument, () => ({ socialOrganizationId: ids.organizations[0] })),
  orderPartnershipService: attempt(ops.AttemptOrderPartnershipServiceDocument),
  dispatchPartnershipOrder: attempt(ops.AttemptDispatchPartnershipOrderDocument),
  acceptPartnershipOrder: attempt(ops.AttemptAcceptPartnershipOrderDocument),
  declinePartnershipOrder: attempt(ops.AttemptDeclinePartnershipOrderDocument),
  schedulePartnershipOrder: attempt(ops.AttemptSchedulePartnershipOrderDocument),
  deliverPartnershipOrder: attempt(ops.AttemptDeliverPartnershipOrderDocument),
  ratePartnershipOrder: attempt(ops.AttemptRatePartnershipOrderDocument),
  cancelPartnershipOrder: attempt(ops.AttemptCancelPartnershipOrderDocument),
  markNewEmploymentVolunteer: attempt(ops.AttemptMarkNewEmploymentVolunteerDocument),
  fileSnapshotReport: attempt(ops.AttemptFileSnapshotReportDocument),
  donateToFund: attempt(ops.AttemptDonateToFundDocument, () => ({ enterpriseId: ids.enterprises[0] })),
  grantFromFund: attempt(ops.AttemptGrantFromFundDocument),
  createProject: attempt(ops.AttemptCreateProjectDocument, () => ({ teamId: ids.team })),
  addToDemonstrationLibrary: attempt(ops.AttemptAddToDemonstrationLibraryDocument),
  removeFromDemonstrationLibrary: attempt(ops.AttemptRemoveFromDemonstrationLibraryDocument),
  addProjectAward: attempt(ops.AttemptAddProjectAwardDocument),
  createActivity: attempt(ops.AttemptCreateActivityDocument, () => ({ projectId: ids.project })),
  publishActivity: attempt(ops.AttemptPublishActivityDocument, () => ({ id: ids.activity })),
  cancelActivity: attempt(ops.AttemptCancelActivityDocument, () => ({ id: ids.activity })),
  completeActivity: attempt(ops.AttemptCompleteActivityDocument, () => ({ id: ids.activity })),
  signUp: attempt(ops.AttemptSignUpDocument),
  cancelSignup: attempt(ops.AttemptCancelSignupDocument),
  checkIn: attempt(ops.AttemptCheckInDocument, (r) => ({ activityId: ids.activity, volunteerId: r.target })),
  checkOut: attempt(ops.AttemptCheckOutDocument, (r) => ({ activityId: ids.activity, volunteerId: r.target })),
  correctServiceRecord: attempt(ops.AttemptCorrectServiceRecordDocument, () => ({ id: ids.record })),
  orderService: attempt(ops.AttemptOrderServiceDocument),
  dispatchServiceRequest: attempt(ops.AttemptDispatchServiceRequestDocument),
  fundServiceRequest: attempt(ops.AttemptFundServiceRequestDocument),
  acceptServiceRequest: attempt(ops.AttemptAcceptServiceRequestDocument),
  completeServiceRequest: attempt(ops.AttemptCompleteServiceRequestDocument),
  rateServiceRequest: attempt(ops.AttemptRateServiceRequestDocument, (r) => r.request),
  cancelServiceRequest: attempt(ops.AttemptCancelServiceRequestDocument, (r) => r.request),
  registerVolunteer: attempt(ops.AttemptRegisterVolunteerDocument),
  updateVolunteer: attempt(ops.AttemptUpdateVolunteerDocument, (r) => ({ id: r.self })),
  createTeam: attempt(ops.AttemptCreateTeamDocument),
  addTeamMember: attempt(ops.AttemptAddTeamMemberDocument, () => ({ teamId: ids.team })),
  removeTeamMember: attempt(ops.AttemptRemoveTeamMemberDocument, () => ({ teamId: ids.team })),
  createStation: attempt(ops.AttemptCreateStationDocument),
};

/** 'FORBIDDEN', or 'let through' for any other answer (the dummy input's own error). */
const verdict = (response: GraphQLResponse<unknown>) => (codeOf(response) === 'FORBIDDEN' ? 'FORBIDDEN' : 'let through');

describe('mutations: the role is checked before the input', () => {
  it.each(MUTATIONS.rows.map((row) => [row.name, row] as const))('%s: every cell as the README says', async (name, row) => {
    const send = ATTEMPTS[name];
    expect(send).toBeDefined();
    const cells = COLUMNS.flatMap((column) => {
      const mark = row.cells[column];
      const related = { column, variant: 'with the relation', as: withClaims(column), relation: relationOf(column, true) };
      const unrelated = { column, variant: 'without it', as: bare(column), relation: relationOf(column, false) };
      if (mark === '—') return [{ ...related, expected: 'FORBIDDEN' }];
      if (mark === '✓') return [{ ...related, expected: 'let through' }];
      return [
        { ...related, expected: 'let through' },
        { ...unrelated, expected: 'FORBIDDEN' },
      ];
    });
    const responses = await Promise.all(cells.map((c) => send(c.as, c.relation)));
    // A cell that differs shows the answer's code too, to say what the rule is instead.
    const actual = responses.map((r, i) => ({ column: cells[i].column, variant: cells[i].variant, answer: verdict(r), ...(verdict(r) === cells[i].expected ? {} : { code: codeOf(r) }) }));
    expect(actual).toEqual(cells.map((c) => ({ column: c.column, variant: c.variant, answer: c.expected })));
    // Wrong input never succeeds, whoever sends it: nothing is done.
    expect(responses.map((r, i) => ({ column: cells[i].column, failed: codeOf(r) !== 'OK' }))).toEqual(cells.map((c) => ({ column: c.column, failed: true })));
  });
});
