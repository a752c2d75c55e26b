import { SUBGRAPHS } from '@vg/schema';
import { checkSettings, childPlans } from './settings';

const SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

describe('checkSettings', () => {
  it("accepts the defaults and gives every process its port, database and the others' URLs", () => {
    const { settings, problems } = checkSettings({ DATABASE_URL: SERVER });
    expect(problems).toEqual([]);
    const plans = childPlans(settings!, SERVER, {});
    const projects = plans.find((p) => p.name === 'projects')!;
    expect(projects.env).toMatchObject({
      PROJECTS_PORT: '4002',
      PROJECTS_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/volunteer_graph_projects',
      VOLUNTEERS_URL: 'http://127.0.0.1:4001/graphql',
      SEED_WHEN_EMPTY: 'true',
    });
    expect(plans.find((p) => p.name === 'gateway')!.env.GATEWAY_PORT).toBe('4000');
  });

  it("lists its own problems and each process's at once, each variable once with who rejects it", () => {
    const { settings, problems } = checkSettings({
      DATABASE_URL: 'mysql://x',
      GATEWAY_PORT: '0',
      LOG_LEVEL: 'loud',
      INTERNAL_SECRET: 'short',
      SEED_VOLUNTEERS: '-1',
    });
    expect(settings).toBeUndefined();
    expect(problems).toEqual([
      'GATEWAY_PORT=0: must be a port number from 1 to 65535  (start)',
      'DATABASE_URL=mysql://x: must be a postgres://user:password@host:port/database URL  (start)',
      'LOG_LEVEL=loud: must be one of fatal, error, warn, info, debug, trace, silent  (start)',
      // The secret is named, never shown; every process that needs it rejects it.
      // Every process rejects it: each subgraph of the registry, then the gateway.
      `INTERNAL_SECRET (value hidden): must be at least 16 characters  (${[...SUBGRAPHS.map((s) => s.name), 'gateway'].join(', ')})`,
      expect.stringMatching(/^SEED_VOLUNTEERS=-1: .*>=0 {2}\(volunteers\)$/),
    ]);
  });

  it('names the subgraphs at the address they listen on (HOST), the loopback one for a wildcard', () => {
    const urlFor = (HOST: string) => childPlans(checkSettings({ DATABASE_URL: SERVER, HOST }).settings!, SERVER, {}).find((p) => p.name === 'gateway')!.env.VOLUNTEERS_URL;
    expect(urlFor('10.0.0.5')).toBe('http://10.0.0.5:4001/graphql');
    expect(urlFor('0.0.0.0')).toBe('http://127.0.0.1:4001/graphql');
    expect(urlFor('::')).toBe('http://127.0.0.1:4001/graphql');
    expect(urlFor('::1')).toBe('http://[::1]:4001/graphql');
    expect(urlFor('localhost')).toBe('http://localhost:4001/graphql');
  });

  it("checks the gateway's own settings too", () => {
    expect(checkSettings({ DATABASE_URL: SERVER, MAX_QUERY_DEPTH: 'deep' }).problems).toEqual(['MAX_QUERY_DEPTH=deep: must be a number  (gateway)']);
  });

  it('refuses a prefix that would not make valid database names', () => {
    expect(checkSettings({ DATABASE_URL: SERVER, DB_NAME_PREFIX: 'my-graph' }).problems).toEqual([
      'DB_NAME_PREFIX=my-graph: must be lower-case letters, digits and _ (starting with a letter or _)  (start)',
    ]);
  });
});
