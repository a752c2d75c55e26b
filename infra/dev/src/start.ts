/**
 * `pnpm start`: the whole system on this machine.
 *  1. PostgreSQL: DATABASE_URL when set, otherwise embedded PostgreSQL (data in .data/postgres).
 *  2. Every subgraph and the gateway as separate processes (each migrates its own database, and
 *     seeds demo data when empty), their log lines prefixed with the process name.
 *  3. The URLs, once the gateway reports every subgraph ready.
 * Ctrl-C (or SIGTERM) stops every process and the embedded server; nothing is left running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startEmbeddedPostgres, withDatabase, type EmbeddedPostgresHandle } from '@vg/db';
import { createLogger } from '@vg/logger';
import { SUBGRAPHS } from '@vg/schema';

const ROOT = join(__dirname, '..', '..', '..');
const GATEWAY_PORT = Number(process.env.GATEWAY_PORT ?? 4000);
const EMBEDDED_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
/** Each subgraph's database is `<prefix>_<subgraph>` on the server. */
const DB_PREFIX = process.env.DB_NAME_PREFIX ?? 'volunteer_graph';
const COLOURS = [36, 35, 33, 32, 34, 31];
const logger = createLogger({
  name: 'start',
  level: process.env.LOG_LEVEL ?? 'info',
  destination: { write: (line: string) => process.stdout.write(`${'[start]'.padEnd(14)}${humanLine(line.trim())}\n`) },
});

const children = new Map<string, ChildProcess>();
let pg: EmbeddedPostgresHandle | undefined;
let stopping = false;

/** One log line for humans: pino JSON shortened to "LEVEL message key=value", other text as is. */
function humanLine(line: string): string {
  try {
    const { level, msg, time: _t, pid: _p, hostname: _h, service: _s, name: _n, ...rest } = JSON.parse(line);
    const label = ({ 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' } as Record<number, string>)[level] ?? level;
    const extra = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
    return `${label} ${msg ?? ''}${extra ? `  ${extra}` : ''}`;
  } catch {
    return line;
  }
}

function run(name: string, entry: string, env: Record<string, string>, colour: number): ChildProcess {
  // `--import tsx` runs the TypeScript in this one process (the tsx CLI would add a second).
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `\x1b[${colour}m${`[${name}]`.padEnd(14)}\x1b[0m`;
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix}${humanLine(line)}\n`));
  }
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      logger.error({ process: name, code, signal }, 'a process exited: stopping everything');
      void stop(1);
    }
  });
  children.set(name, child);
  return child;
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
  process.exit(exitCode);
}

async function waitForReady(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    pg = await startEmbeddedPostgres({ dataDir: join(ROOT, '.data', 'postgres'), port: EMBEDDED_PORT, logger });
    serverUrl = pg.url;
  } else {
    logger.info('using the PostgreSQL server at DATABASE_URL');
  }

  // Every process learns every subgraph's URL (services call each other directly; the gateway too).
  const urls: Record<string, string> = Object.fromEntries(SUBGRAPHS.map(({ name, port }) => [`${name.toUpperCase()}_URL`, process.env[`${name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${process.env[`${name.toUpperCase()}_PORT`] ?? port}/graphql`]));
  SUBGRAPHS.forEach(({ name, port }, i) => {
    const key = name.toUpperCase();
    run(name, `services/${name}/src/main.ts`, {
      ...urls,
      [`${key}_DATABASE_URL`]: process.env[`${key}_DATABASE_URL`] ?? withDatabase(serverUrl, `${DB_PREFIX}_${name}`),
      [`${key}_PORT`]: process.env[`${key}_PORT`] ?? String(port),
      SEED_WHEN_EMPTY: process.env.SEED_WHEN_EMPTY ?? 'true',
    }, COLOURS[(i + 1) % COLOURS.length]);
  });
  run('gateway', 'gateway/src/main.ts', { ...urls, GATEWAY_PORT: String(GATEWAY_PORT) }, COLOURS[0]);

  const base = `http://127.0.0.1:${GATEWAY_PORT}`;
  if (await waitForReady(`${base}/ready`, 120_000)) {
    process.stdout.write(
      `\n  Volunteer Graph is up.\n` +
        `    GraphQL + sandbox  ${base}/graphql\n` +
        `    health / ready     ${base}/health  ${base}/ready\n` +
        SUBGRAPHS.map(({ name }) => `    ${name.padEnd(18)} ${urls[`${name.toUpperCase()}_URL`]}\n`).join('') +
        `    token              pnpm run token --role ADMIN\n` +
        `  Ctrl-C stops everything.\n\n`,
    );
  } else if (!stopping) {
    logger.error('the gateway did not become ready within 120 s');
    await stop(1);
  }
}

main().catch(async (error) => {
  logger.error({ err: error }, 'start failed');
  await stop(1);
});
