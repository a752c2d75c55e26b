/**
 * `pnpm start` refuses early and clearly: bad settings, unusable ports and a wrong database user
 * are reported within seconds, before any process is spawned, as lines a user can act on.
 */
import { createServer, type Server } from 'node:net';
import { URL } from 'node:url';
import { freePort } from '@vg/db';
import { childLines, isolatedEnvironment, runStartScript } from './start-script';

const PREFIX = `vgchecks_${process.pid}`;
const STACK_LINE = /^\s+at .+\(?.*:\d+:\d+\)?$/m;

/** Common expectations of a refusal: status 1, fast, nothing spawned, no stack trace. */
function expectRefused(result: { code: number | null; output: string; ms: number }) {
  expect(result.code).toBe(1);
  expect(result.output).toContain('nothing was started');
  expect(childLines(result.output)).toEqual([]);
  expect(result.output).not.toMatch(STACK_LINE);
  // Spawning and seeding take tens of seconds; a refusal needs only the checks (loading tsx and
  // the service definitions, ~1–2 s; generous for 2 busy cores).
  expect(result.ms).toBeLessThan(10_000);
}

it("lists every bad setting at once, its own and the services', and spawns nothing", async () => {
  const env = await isolatedEnvironment(PREFIX);
  const result = await runStartScript({
    ...env,
    LOG_LEVEL: 'loud',
    GATEWAY_PORT: 'abc',
    EMBEDDED_PG_PORT: 'abc',
    SEED_VOLUNTEERS: 'lots', // the volunteers service's own setting
  });
  expectRefused(result);
  expect(result.output).toContain('4 problems with the settings');
  expect(result.output).toMatch(/GATEWAY_PORT=abc: must be a port number/);
  expect(result.output).toMatch(/EMBEDDED_PG_PORT=abc: must be a port number/);
  expect(result.output).toMatch(/LOG_LEVEL=loud: must be one of fatal, error, warn, info, debug, trace, silent/);
  expect(result.output).toMatch(/SEED_VOLUNTEERS=lots: must be a number\s+\(volunteers\)/);
  expect(result.output).not.toContain('NaN');
});

describe('ports', () => {
  let squatter: Server | undefined;
  afterAll(() => squatter?.close());

  it('names a port already taken by another program', async () => {
    const env = await isolatedEnvironment(PREFIX);
    const taken = await freePort();
    squatter = createServer();
    await new Promise<void>((resolve) => squatter!.listen(taken, '127.0.0.1', resolve));
    const result = await runStartScript({ ...env, PROJECTS_PORT: String(taken) });
    expectRefused(result);
    expect(result.output).toContain(`PROJECTS_PORT=${taken}: the port is already in use on 127.0.0.1`);
  });

  it('refuses a port that fetch calls unsafe (its readiness could never be probed), and a port given twice', async () => {
    const env = await isolatedEnvironment(PREFIX);
    const result = await runStartScript({ ...env, INSURANCE_PORT: '6000', PROJECTS_PORT: env.VOLUNTEERS_PORT });
    expectRefused(result);
    expect(result.output).toMatch(/INSURANCE_PORT=6000: Node's fetch refuses this port as unsafe/);
    expect(result.output).toContain(`VOLUNTEERS_PORT and PROJECTS_PORT are both ${env.VOLUNTEERS_PORT}`);
  });
});

it('reports a wrong database user as one clear line, without a stack trace', async () => {
  const env = await isolatedEnvironment(PREFIX);
  const server = new URL(process.env.VG_TEST_SERVER_URL!);
  const wrong = new URL(server.toString());
  wrong.username = 'nouser';
  wrong.password = 'wrong-password';
  const result = await runStartScript({ ...env, DATABASE_URL: wrong.toString() });
  expectRefused(result);
  const problems = result.output.split('\n').filter((line) => line.startsWith('  - '));
  expect(problems).toHaveLength(1);
  // The embedded test server says "password authentication failed", a trust-auth server "role does not exist".
  expect(problems[0]).toMatch(new RegExp(`^  - cannot connect to PostgreSQL at ${server.hostname}:${server.port || 5432} as nouser: .*(password authentication failed|role "nouser" does not exist)`));
  expect(result.output).not.toContain('wrong-password');
});
