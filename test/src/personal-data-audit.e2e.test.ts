import { Pii, seedVolunteersDatabase } from '@vg/volunteers';
import { dataOf } from './builders';
import {
  AuditServiceRequestPhoneDocument,
  AuditVolunteerContactDocument,
  AuditVolunteerIdNumberDocument,
  AuditVolunteersIdNumbersDocument,
  PersonalDataAuditReadsDocument,
} from './generated/personal-data-audit';
import { LoopOrderServiceDocument } from './generated/service-requests';
import { ORDER_INPUT } from './service-requests';
import { startStack, type Stack, type TokenFor } from './testkit';

const ADMIN: TokenFor = { roles: ['ADMIN'], sub: 'admin-audit' };
const INSURER: TokenFor = { roles: ['INSURER'], sub: 'insurer-pingan' };
const DATA_STAFF: TokenFor = { roles: ['DATA_STAFF'], sub: 'data-staff-1' };
const DISPATCHER: TokenFor = { roles: ['CENTRE_DISPATCHER'], sub: 'dispatcher-wang' };

let stack: Stack;
let volunteerIds: string[];
beforeAll(async () => {
  stack = await startStack();
  // Regions, teams and 30 volunteers.
  await seedVolunteersDatabase(stack.volunteers.db.dataSource, new Pii(stack.secrets.piiKeys), { volunteers: 30 });
  const rows: { id: string }[] = await stack.volunteers.db.dataSource.query('SELECT id::text AS id FROM volunteers ORDER BY id');
  volunteerIds = rows.map((r) => r.id);
});
afterAll(() => stack?.stop());

/** The rows of one subgraph's audit table (what was written, independently of the API that reads it). */
const stored = async (db: Stack['volunteers']['db'], where = 'true', params: unknown[] = []) =>
  (await db.dataSource.query(`SELECT viewer_sub, viewer_roles, subject_type, subject_id, field, operation_name, request_id FROM personal_data_reads WHERE ${where} ORDER BY id`, params)) as {
    viewer_sub: string;
    viewer_roles: string[];
    subject_type: string;
    subject_id: string;
    field: string;
    operation_name: string;
    request_id: string;
  }[];

describe('personal-data audit', () => {
  it("records an insurer's read of a volunteer's ID number: who, whose, which field, the operation; readable by ADMIN", async () => {
    const id = volunteerIds[0];
    const { volunteer } = dataOf(await stack.query(AuditVolunteerIdNumberDocument, { id }, INSURER));
    expect(volunteer?.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(await stored(stack.volunteers.db, 'viewer_sub = $1', [INSURER.sub])).toEqual([
      { viewer_sub: INSURER.sub, viewer_roles: ['INSURER'], subject_type: 'VOLUNTEER', subject_id: id, field: 'ID_NUMBER', operation_name: 'AuditVolunteerIdNumber', request_id: expect.any(String) },
    ]);
    const { personalDataAudit } = dataOf(await stack.query(PersonalDataAuditReadsDocument, { filter: { viewerSub: INSURER.sub } }, ADMIN));
    expect(personalDataAudit.volunteerReads.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ viewerSub: INSURER.sub, viewerRoles: ['INSURER'], subjectType: 'VOLUNTEER', subjectId: id, field: 'ID_NUMBER', operationName: 'AuditVolunteerIdNumber' }),
    ]);
  });

  it('records nothing for a masked read', async () => {
    const before = (await stored(stack.volunteers.db)).length;
    const { volunteer } = dataOf(await stack.query(AuditVolunteerContactDocument, { id: volunteerIds[1] }, DATA_STAFF));
    expect(volunteer?.idNumber).toContain('*');
    expect((await stored(stack.volunteers.db)).length).toBe(before);
  });

  it('writes the reads of a whole list in one INSERT: the statements do not grow with the list', async () => {
    async function read(first: number) {
      const statements: string[] = [];
      const stop = stack.volunteers.db.dataSource.sqlLogger.onStatement((sql) => statements.push(/\/\* (\w+) \*\//.exec(sql)?.[1] ?? sql));
      const response = await stack.query(AuditVolunteersIdNumbersDocument, { first }, ADMIN);
      stop();
      expect(dataOf(response).volunteers.edges).toHaveLength(first);
      return statements;
    }
    const before = (await stored(stack.volunteers.db, 'viewer_sub = $1', [ADMIN.sub])).length;
    const five = await read(5);
    const twenty = await read(20);
    expect(twenty).toEqual(five);
    expect(twenty.filter((s) => s === 'personalDataReadsInsert')).toHaveLength(1);
    const rows = await stored(stack.volunteers.db, 'viewer_sub = $1', [ADMIN.sub]);
    expect(rows).toHaveLength(before + 25);
    const lastRequest = rows.at(-1)!.request_id;
    const ofLast = rows.filter((r) => r.request_id === lastRequest);
    expect(ofLast).toHaveLength(20);
    expect(new Set(ofLast.map((r) => r.subject_id)).size).toBe(20);
    expect(ofLast.every((r) => r.field === 'ID_NUMBER' && r.operation_name === 'AuditVolunteersIdNumbers')).toBe(true);
  });

  it('pages the audit by its cursors, newest first, and filters by subject and time', async () => {
    const page1 = dataOf(await stack.query(PersonalDataAuditReadsDocument, { filter: { viewerSub: ADMIN.sub }, first: 10 }, ADMIN)).personalDataAudit.volunteerReads;
    expect(page1.edges).toHaveLength(10);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = dataOf(await stack.query(PersonalDataAuditReadsDocument, { filter: { viewerSub: ADMIN.sub }, first: 10, after: page1.pageInfo.endCursor }, ADMIN)).personalDataAudit.volunteerReads;
    const ids = [...page1.edges, ...page2.edges].map((e) => Number(e.node.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(20);
    const ofOne = dataOf(await stack.query(PersonalDataAuditReadsDocument, { filter: { subjectId: volunteerIds[0] } }, ADMIN)).personalDataAudit.volunteerReads;
    expect(ofOne.edges.length).toBeGreaterThan(0);
    expect(ofOne.edges.every((e) => e.node.subjectId === volunteerIds[0])).toBe(true);
    const future = dataOf(await stack.query(PersonalDataAuditReadsDocument, { filter: { since: new Date(Date.now() + 60_000).toISOString() } }, ADMIN)).personalDataAudit.volunteerReads;
    expect(future.edges).toEqual([]);
  });

  it("records a dispatcher's read of a resident's phone in the projects subgraph, listed through the same audit", async () => {
    const { orderService } = dataOf(await stack.query(LoopOrderServiceDocument, { input: ORDER_INPUT }));
    const { serviceRequest } = dataOf(await stack.query(AuditServiceRequestPhoneDocument, { id: orderService.id }, DISPATCHER));
    expect(serviceRequest?.contactPhone).toBe(ORDER_INPUT.contactPhone);
    const { personalDataAudit } = dataOf(await stack.query(PersonalDataAuditReadsDocument, { filter: { viewerSub: DISPATCHER.sub } }, ADMIN));
    expect(personalDataAudit.serviceRequestReads.edges.map((e) => e.node)).toEqual([
      { viewerSub: DISPATCHER.sub, subjectType: 'SERVICE_REQUEST', subjectId: orderService.id, field: 'PHONE', operationName: 'AuditServiceRequestPhone' },
    ]);
  });

  it('is ADMIN only: anyone else FORBIDDEN, before their arguments are looked at', async () => {
    for (const as of [INSURER, DATA_STAFF, DISPATCHER, undefined]) {
      const response = await stack.query(PersonalDataAuditReadsDocument, { filter: { subjectId: 'not-an-id' }, first: -1 }, as);
      expect(response.data?.personalDataAudit ?? null).toBeNull();
      expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    const invalid = await stack.query(PersonalDataAuditReadsDocument, { filter: { subjectId: 'not-an-id' } }, ADMIN);
    expect(invalid.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.subjectId' });
  });
});
