import { silentLogger } from '@vg/logger';
import { anonymousViewer, type Viewer } from '@vg/standards';
import { IdentityLinks, linkedClaims, type LinkClient } from './identityLinks';

const volunteer = (sub: string, extra: Partial<Viewer> = {}): Viewer => ({ ...anonymousViewer, sub, roles: ['VOLUNTEER'], ...extra });

/** A volunteers subgraph answering accountVolunteer from a map, counting its calls. */
function fakeVolunteers(accounts: Map<string, string>) {
  const calls: { query: string; variables: Record<string, unknown> }[] = [];
  let down = false;
  const client: LinkClient = {
    async request<T>(query: string, variables: Record<string, unknown>) {
      calls.push({ query, variables });
      if (down) throw new Error('connect ECONNREFUSED');
      const id = accounts.get(variables.sub as string);
      return { accountVolunteer: id ? { id } : null } as T;
    },
  };
  return { client, calls, setDown: (value: boolean) => (down = value) };
}

function setup(accounts = new Map<string, string>()) {
  let now = 0;
  const volunteers = fakeVolunteers(accounts);
  const links = new IdentityLinks({ logger: silentLogger(), clientFor: (name) => (name === 'volunteers' ? volunteers.client : undefined), now: () => now });
  return { links, volunteers, accounts, advance: (ms: number) => (now += ms) };
}

describe('identity links', () => {
  it('are read from the IDENTITY_CLAIMS table', () => {
    expect(Object.keys(linkedClaims())).toEqual(['volunteerId']);
    expect(linkedClaims().volunteerId?.subgraph).toBe('volunteers');
  });

  it('fill a missing claim from the owning subgraph, and keep it', async () => {
    const { links, volunteers } = setup(new Map([['acct-1', '42']]));
    expect((await links.complete(volunteer('acct-1'))).volunteerId).toBe('42');
    expect((await links.complete(volunteer('acct-1'))).volunteerId).toBe('42');
    expect(volunteers.calls).toEqual([{ query: linkedClaims().volunteerId!.query, variables: { sub: 'acct-1' } }]);
  });

  it('never override a claim the token carries, and skip viewers the link is not for', async () => {
    const { links, volunteers } = setup(new Map([['acct-1', '42']]));
    expect((await links.complete(volunteer('acct-1', { volunteerId: '7' }))).volunteerId).toBe('7');
    expect((await links.complete(volunteer('acct-1', { roles: ['ADMIN'] }))).volunteerId).toBeNull();
    expect(await links.complete(anonymousViewer)).toBe(anonymousViewer);
    expect(volunteers.calls).toHaveLength(0);
  });

  it('remember "not linked" only briefly, and not past the subject\'s next mutation', async () => {
    const { links, volunteers, accounts, advance } = setup();
    expect((await links.complete(volunteer('acct-2'))).volunteerId).toBeNull();
    accounts.set('acct-2', '9');
    expect((await links.complete(volunteer('acct-2'))).volunteerId).toBeNull(); // cached
    expect(volunteers.calls).toHaveLength(1);
    links.forget('acct-2');
    expect((await links.complete(volunteer('acct-2'))).volunteerId).toBe('9');

    expect((await links.complete(volunteer('acct-3'))).volunteerId).toBeNull();
    accounts.set('acct-3', '10');
    advance(5_001);
    expect((await links.complete(volunteer('acct-3'))).volunteerId).toBe('10');
  });

  it('share one look-up between concurrent requests of an account', async () => {
    const { links, volunteers } = setup(new Map([['acct-1', '42']]));
    const viewers = await Promise.all([1, 2, 3].map(() => links.complete(volunteer('acct-1'))));
    expect(viewers.map((v) => v.volunteerId)).toEqual(['42', '42', '42']);
    expect(volunteers.calls).toHaveLength(1);
  });

  it('go on without the claim when the subgraph is down, and try again next time', async () => {
    const { links, volunteers } = setup(new Map([['acct-1', '42']]));
    volunteers.setDown(true);
    expect((await links.complete(volunteer('acct-1'))).volunteerId).toBeNull();
    volunteers.setDown(false);
    expect((await links.complete(volunteer('acct-1'))).volunteerId).toBe('42');
  });

  it('keep at most maxEntries answers (least recently used dropped first)', async () => {
    const volunteers = fakeVolunteers(
      new Map([
        ['a', '1'],
        ['b', '2'],
        ['c', '3'],
      ]),
    );
    const links = new IdentityLinks({ logger: silentLogger(), clientFor: () => volunteers.client, maxEntries: 2 });
    for (const sub of ['a', 'b', 'a', 'c', 'a', 'b']) await links.complete(volunteer(sub));
    // a, b cached; a hit; c evicts b (least recently used); a hit; b fetched again.
    expect(volunteers.calls.map((c) => c.variables.sub)).toEqual(['a', 'b', 'c', 'b']);
  });
});
