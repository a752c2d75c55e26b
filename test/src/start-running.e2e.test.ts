/**
 * `pnpm start` while it is coming up and once it is up: progress while seeding, "up" only when a
 * query sees every subgraph's data, and a second copy beside a running one refused rather than
 * announcing the first as its own. One system is started for the whole file (each start ~10 s).
 */
import { createServer } from 'node:net';
import { stripVTControlCharacters } from 'node:util';
import { print } from 'graphql';
import { dataOf } from './builders';
import { StartHomeDocument, type StartHomeQuery } from './generated/start';
import { postGraphQL } from './testkit';
import { dropDatabasesWithPrefix, isolatedEnvironment, runStartScript, startScript, type StartedScript } from './start-script';

const PREFIX = `vgrunning_${process.pid}`;
const UP = 'Volunteer Graph is up';

let env: Record<string, string>;
let first: StartedScript;

beforeAll(async () => {
  // LOG_LEVEL=info: the progress lines and the services' seed lines are info.
  env = { ...(await isolatedEnvironment(PREFIX)), LOG_LEVEL: 'info' };
  first = startScript(env);
  const started = Date.now();
  while (!first.output().includes(UP)) {
    if (first.child.exitCode !== null) throw new Error(`pnpm start exited:\n${first.output()}`);
    if (Date.now() - started > 100_000) throw new Error(`not up within 100 s:\n${first.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 110_000);

afterAll(async () => {
  if (first?.child.exitCode === null) {
    first.child.kill('SIGINT');
    await first.exited;
  }
  await dropDatabasesWithPrefix(PREFIX);
});

it('says what each service is doing while it seeds', () => {
  const output = stripVTControlCharacters(first.output());
  expect(output).toMatch(/\[volunteers\]\s*INFO\s+seed: /);
  expect(output).toMatch(/\[projects\]\s*INFO\s+seed: /);
  // Seeding takes longer than the 5 s between progress lines, so at least one was printed.
  expect(output).toMatch(/\[start\]\s+INFO\s+waiting for: .*\((starting|seeding|waiting for the subgraphs)\)/);
});

it('announces "up" only once a query sees every subgraph\'s data', async () => {
  const data = dataOf(await postGraphQL<StartHomeQuery>(`http://127.0.0.1:${env.GATEWAY_PORT}/graphql`, print(StartHomeDocument)));
  expect(data.volunteers.totalCount).toBe(2000);
  expect(data.activities.totalCount).toBeGreaterThan(0);
  const ready = await fetch(`http://127.0.0.1:${env.GATEWAY_PORT}/ready`);
  expect(ready.status).toBe(200);
});

it('refuses a second copy on the same ports and databases, naming the running one', async () => {
  const result = await runStartScript(env);
  expect(result.code).toBe(1);
  expect(result.output).toContain(`Volunteer Graph is already running (pid ${first.child.pid}, http://127.0.0.1:${env.GATEWAY_PORT}); stop it first`);
  expect(result.output).not.toContain(UP);
  expect(result.ms).toBeLessThan(10_000);
  // The first copy is untouched.
  expect(first.child.exitCode).toBeNull();
  expect((await fetch(`http://127.0.0.1:${env.GATEWAY_PORT}/ready`)).status).toBe(200);
});

it('refuses a second copy that shares only the gateway port', async () => {
  const other = await isolatedEnvironment(`${PREFIX}_b`);
  const result = await runStartScript({ ...other, GATEWAY_PORT: env.GATEWAY_PORT });
  expect(result.code).toBe(1);
  expect(result.output).toContain(`Volunteer Graph is already running (pid ${first.child.pid}`);
});

it('stops every process on SIGINT and removes its lock, so a later start is not refused', async () => {
  first.child.kill('SIGINT');
  expect(await first.exited).toBe(0);
  // The free-port check comes right after the running-copy check: a port held by something else
  // stops this start there, after showing that no running copy was found (and without starting a second system).
  const squatter = createServer();
  await new Promise<void>((resolve) => squatter.listen(Number(env.INSURANCE_PORT), '127.0.0.1', resolve));
  try {
    const result = await runStartScript(env);
    expect(result.output).not.toContain('already running');
    expect(result.output).toContain(`INSURANCE_PORT=${env.INSURANCE_PORT}: the port is already in use`);
  } finally {
    squatter.close();
  }
});
