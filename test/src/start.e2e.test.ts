import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { dropDatabase, freePorts } from '@vg/db';
import { SUBGRAPHS } from '@vg/schema';
import { print } from 'graphql';
import { dataOf } from './builders';
import { StartHomeDocument, type StartHomeQuery } from './generated/start';
import { postGraphQL } from './testkit';

const ROOT = join(__dirname, '..', '..');
const PREFIX = `vgstart_${process.pid}`;

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

let system: ChildProcess | undefined;
const ports: number[] = [];

afterAll(async () => {
  if (system && system.exitCode === null) system.kill('SIGKILL');
  const server = process.env.VG_TEST_SERVER_URL!;
  await Promise.all(SUBGRAPHS.map(({ name }) => dropDatabase(server, `${PREFIX}_${name}`)));
});

/**
 * `pnpm start` as a user runs it: every subgraph and the gateway as separate processes, the
 * databases migrated and seeded, the home query answered; Ctrl-C (SIGINT) stops them all.
 */
it('starts the whole system, answers the home query with seeded data, and stops every process on SIGINT', async () => {
  ports.push(...(await freePorts(SUBGRAPHS.length + 1)));
  const [gatewayPort, ...subgraphPorts] = ports;
  const started = Date.now();
  system = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'infra', 'dev', 'src', 'start.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: process.env.VG_TEST_SERVER_URL,
      DB_NAME_PREFIX: PREFIX,
      LOG_LEVEL: 'warn',
      GATEWAY_PORT: String(gatewayPort),
      ...Object.fromEntries(SUBGRAPHS.map(({ name }, i) => [`${name.toUpperCase()}_PORT`, String(subgraphPorts[i])])),
    },
  });
  let stderr = '';
  system.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => system!.once('exit', (code) => resolve(code)));

  const url = `http://127.0.0.1:${gatewayPort}`;
  // Ready means seeded: the first query after /ready already sees every subgraph's demo data.
  while (
    (await fetch(`${url}/ready`).then(
      (r) => r.status,
      () => 0,
    )) !== 200
  ) {
    if (system.exitCode !== null) throw new Error(`pnpm start exited: ${stderr}`);
    if (Date.now() - started > 90_000) throw new Error(`not ready within 90 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  const data = dataOf(await postGraphQL<StartHomeQuery>(`${url}/graphql`, print(StartHomeDocument)));
  expect(data.volunteers.totalCount).toBe(2000);
  expect(data.volunteers.edges[0].node.region.parent?.name).toBeTruthy();
  expect(data.stationsNear.length).toBeGreaterThan(0);
  expect(data.activities.totalCount).toBeGreaterThan(0);

  system.kill('SIGINT');
  expect(await exited).toBe(0);
  for (const port of ports) expect(await listening(port)).toBe(false);
}, 120_000);
