/**
 * `pnpm start`: the whole system on this machine.
 *  1. Checks first, starting nothing until all pass: every setting (its own and each process's,
 *     every problem listed at once), the ports (usable by fetch, distinct, free), no copy already
 *     running on these ports or databases, and, with DATABASE_URL, that the server takes our user.
 *  2. PostgreSQL: DATABASE_URL when set, otherwise embedded PostgreSQL (data in .data/postgres).
 *  3. Every subgraph and the gateway as separate processes (each migrates its own database, and
 *     seeds demo data when empty), their log lines prefixed with the process name, and every ~5 s
 *     which processes are still starting or seeding.
 *  4. "Volunteer Graph is up" once the gateway's /ready is 200: every subgraph has seeded.
 * Ctrl-C (or SIGTERM) stops every process and the embedded server; nothing is left running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@vg/db';
import { createLogger, type Logger } from '@vg/logger';
import { SUBGRAPHS } from '@vg/schema';
import { humanLine } from './logLines';
import { databaseProblems, liveEmbeddedServerPort, portProblems, takenPorts, type PlannedPort } from './preflight';
import { waitingLine, type Probe } from './progress';
import { recordRunningCopy, runningCopyProblem } from './runningCopy';
import { checkSettings, childPlans, reachableHost, type ChildPlan, type StartSettings } from './settings';

const ROOT = join(__dirname, '..', '..', '..');
const DATA_DIR = join(ROOT, '.data');
const EMBEDDED_DATA_DIR = join(DATA_DIR, 'postgres');
const COLOURS = [36, 35, 33, 32, 34, 31];
const READY_TIMEOUT_MS = 10 * 60_000;
const PROGRESS_EVERY_MS = 5_000;
const key = (name: string) => name.toUpperCase().replace(/-/g, '_');

const children = new Map<string, ChildProcess>();
let logger: Logger | undefined;
let pg: EmbeddedPostgresHandle | undefined;
let releaseLock: (() => void) | undefined;
let stopping = false;

/** Refuses to start: every problem on its own line, exit 1. Only called before anything runs. */
function refuse(headline: string, problems: string[]): never {
  process.stderr.write(`pnpm start: ${headline}; nothing was started.\n${problems.map((p) => `  - ${p}\n`).join('')}`);
  process.exit(1);
}

function run(plan: ChildPlan, colour: number): void {
  // `--import tsx` runs the TypeScript in this one process (the tsx CLI would add a second).
  const child = spawn(process.execPath, ['--import', 'tsx', plan.entry], {
    cwd: ROOT,
    env: { ...process.env, ...plan.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `\x1b[${colour}m${`[${plan.name}]`.padEnd(14)}\x1b[0m`;
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix}${humanLine(line)}\n`));
  }
  child.on('exit', (code, signal) => {
    children.delete(plan.name);
    if (!stopping) {
      logger?.error({ code, signal }, `${plan.name} exited: stopping everything`);
      void stop(1);
    }
  });
  children.set(plan.name, child);
}

async function stop(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
          child.once('exit', () => {
            clearTimeout(killer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  if (pg?.owned) await pg.stop();
  releaseLock?.();
  process.exit(exitCode);
}

/** Waits for the gateway's /ready (every subgraph seeded), saying every few seconds who is still busy. */
async function waitForReady(gatewayUrl: string, probes: Probe[]): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let nextProgress = Date.now() + PROGRESS_EVERY_MS;
  while (Date.now() < deadline && !stopping) {
    const status = await fetch(`${gatewayUrl}/ready`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return true;
    if (Date.now() >= nextProgress) {
      nextProgress = Date.now() + PROGRESS_EVERY_MS;
      const line = await waitingLine(probes);
      if (line && !stopping) logger?.info(line);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

/** Which databases this copy uses, to recognise another copy on the same ones. */
function databasesId(settings: StartSettings): string {
  if (!settings.databaseUrl) return `embedded:${EMBEDDED_DATA_DIR}/${settings.dbPrefix}`;
  const url = new URL(settings.databaseUrl);
  return `${url.hostname}:${url.port || 5432}/${settings.dbPrefix}`;
}

/** Step 1: everything that can be known before starting anything. Returns only when all is well. */
async function preflight(): Promise<StartSettings> {
  const { settings, problems } = checkSettings();
  const count = (n: number) => (n === 1 ? '1 problem' : `${n} problems`);
  if (!settings) refuse(`${count(problems.length)} with the settings`, problems);

  const ports: PlannedPort[] = [
    { variable: 'GATEWAY_PORT', port: settings.gatewayPort, http: true },
    ...SUBGRAPHS.map(({ name }) => ({ variable: `${key(name)}_PORT`, port: settings.subgraphPorts[name], http: true })),
    ...(settings.databaseUrl ? [] : [{ variable: 'EMBEDDED_PG_PORT', port: settings.embeddedPgPort, http: false }]),
  ];
  const fixed = portProblems(ports);
  if (fixed.length) refuse(`${count(fixed.length)} with the ports`, fixed);

  // Before the free-port check: a running copy holds these ports, and saying so is the useful answer.
  const gatewayUrl = `http://${reachableHost(settings.host)}:${settings.gatewayPort}`;
  const running = await runningCopyProblem(DATA_DIR, { gatewayUrl, ports: ports.map((p) => p.port), databases: databasesId(settings) });
  if (running) refuse('another copy is running', [running]);

  // An embedded server left running by an earlier (crashed) run holds its port and will be reused.
  const reusable = settings.databaseUrl ? undefined : liveEmbeddedServerPort(EMBEDDED_DATA_DIR);
  const taken = await takenPorts(settings.host, ports, (p) => p.variable === 'EMBEDDED_PG_PORT' && p.port === reusable);
  if (taken.length) refuse(`${count(taken.length)} with the ports`, taken);

  // Databases on a server we did not start: connect once now, as the processes would.
  const external = childPlans(settings, settings.databaseUrl ?? 'postgres://127.0.0.1/postgres')
    .filter((plan) => plan.name !== 'gateway')
    .filter((plan) => settings.databaseUrl || process.env[`${key(plan.name)}_DATABASE_URL`])
    .map((plan) => plan.env[`${key(plan.name)}_DATABASE_URL`]);
  const database = await databaseProblems(external);
  if (database.length) refuse(`${count(database.length)} with the database`, database);
  return settings;
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  const settings = await preflight();
  const log = createLogger({
    name: 'start',
    level: settings.logLevel,
    destination: { write: (line: string) => process.stdout.write(`${'[start]'.padEnd(14)}${humanLine(line.trim())}\n`) },
  });
  logger = log;

  const gatewayUrl = `http://${reachableHost(settings.host)}:${settings.gatewayPort}`;
  const ports = [settings.gatewayPort, ...Object.values(settings.subgraphPorts), ...(settings.databaseUrl ? [] : [settings.embeddedPgPort])];
  try {
    releaseLock = recordRunningCopy(DATA_DIR, { pid: process.pid, gatewayUrl, ports, databases: databasesId(settings) });
  } catch {
    refuse('another copy is running', ['Volunteer Graph is starting in another terminal on the same databases; stop it first']);
  }

  let serverUrl = settings.databaseUrl;
  if (!serverUrl) {
    pg = await startEmbeddedPostgres({ dataDir: EMBEDDED_DATA_DIR, port: settings.embeddedPgPort, logger: log });
    serverUrl = pg.url;
  } else {
    log.info('using the PostgreSQL server at DATABASE_URL');
  }

  const plans = childPlans(settings, serverUrl);
  plans.forEach((plan, i) => run(plan, COLOURS[(i + 1) % COLOURS.length]));
  const probes: Probe[] = [...SUBGRAPHS.map(({ name }) => ({ name, base: `http://${reachableHost(settings.host)}:${settings.subgraphPorts[name]}` })), { name: 'gateway', base: gatewayUrl }];

  if (await waitForReady(gatewayUrl, probes)) {
    if (stopping) return;
    const urls = plans.find((plan) => plan.name === 'gateway')!.env;
    process.stdout.write(
      `\n  Volunteer Graph is up.\n` +
        `    GraphQL + sandbox  ${gatewayUrl}/graphql\n` +
        `    health / ready     ${gatewayUrl}/health  ${gatewayUrl}/ready\n` +
        SUBGRAPHS.map(({ name }) => `    ${name.padEnd(18)} ${urls[`${key(name)}_URL`]}\n`).join('') +
        `    token              pnpm run token --role ADMIN\n` +
        `  Ctrl-C stops everything.\n\n`,
    );
  } else if (!stopping) {
    log.error(`the gateway did not become ready within ${READY_TIMEOUT_MS / 60_000} minutes; ${(await waitingLine(probes)) ?? ''}`);
    await stop(1);
  }
}

main().catch(async (error: Error) => {
  // One line a user can act on; the stack only when asked for.
  if (process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace') process.stderr.write(`${error?.stack ?? error}\n`);
  process.stderr.write(`pnpm start failed: ${error?.message ?? error}\n`);
  await stop(1);
});
