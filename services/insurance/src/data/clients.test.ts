import { createProjectsDirectory } from './projects.client';
import { createVolunteersDirectory } from './volunteers.client';

/** A subgraph that records each call and answers with `answer(query, variables)`. */
function fakeClient(answer: (query: string, variables: Record<string, any>) => unknown) {
  const calls: { query: string; variables: Record<string, any> }[] = [];
  return { calls, client: { request: async <T>(query: string, variables: Record<string, any> = {}) => (calls.push({ query, variables }), answer(query, variables) as T) } };
}

describe('the volunteers directory', () => {
  const known: Record<string, object> = { ZB1: { volunteer: { id: '1', volunteerNo: 'ZB1' }, name: '王晓梅', status: 'ACTIVE', idNumberHash: 'h1' } };
  const { calls, client } = fakeClient((_, { nos }) => ({ volunteerIdentities: nos.map((no: string) => known[no] ?? null) }));

  it('asks once for any number of numbers and maps the answer by number (null for unknown ones)', async () => {
    const found = await createVolunteersDirectory(client).identities(['ZB2', 'ZB1']);
    expect(calls).toHaveLength(1);
    expect(calls[0].query).toMatch(/volunteerIdentities\(volunteerNos: \$nos\)/);
    expect(calls[0].variables).toEqual({ nos: ['ZB2', 'ZB1'] });
    expect([...found]).toEqual([
      ['ZB2', null],
      ['ZB1', { id: '1', volunteerNo: 'ZB1', name: '王晓梅', status: 'ACTIVE', idNumberHash: 'h1' }],
    ]);
    expect((await createVolunteersDirectory(client).identities([])).size).toBe(0);
    expect(calls).toHaveLength(1);
  });
});

describe('the projects directory', () => {
  const records: Record<string, string[]> = { '7|2025-03-05': ['70', '71'], '8|2025-03-06': ['80'] };
  const { calls, client } = fakeClient((_, variables) => {
    const data: Record<string, unknown> = {};
    for (let i = 0; `r${i}` in variables; i += 1) {
      data[`d${i}`] = variables[`r${i}`].map((r: { id: string }) => ({ serviceRecordsOn: (records[`${r.id}|${variables[`d${i}`]}`] ?? []).map((id) => ({ id })) }));
    }
    return data;
  });

  it('asks once per batch, whatever the volunteers and dates, de-duplicated', async () => {
    const { serviceRecordIdsOn } = createProjectsDirectory(client);
    const keys = [
      { volunteerId: '7', date: '2025-03-05' },
      { volunteerId: '8', date: '2025-03-06' },
      { volunteerId: '8', date: '2025-03-05' },
      { volunteerId: '7', date: '2025-03-05' },
    ];
    expect(await Promise.all(keys.map((k) => serviceRecordIdsOn.load(k)))).toEqual([['70', '71'], ['80'], [], ['70', '71']]);
    expect(calls).toHaveLength(1);
    expect(calls[0].variables).toEqual({
      r0: [
        { __typename: 'Volunteer', id: '7' },
        { __typename: 'Volunteer', id: '8' },
      ],
      d0: '2025-03-05',
      r1: [{ __typename: 'Volunteer', id: '8' }],
      d1: '2025-03-06',
    });
  });
});
