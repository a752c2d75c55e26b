/**
 * Checks that need the machine rather than the settings alone: are the ports usable and free, can
 * the PostgreSQL server be reached as the configured user. Each returns lines a user can act on.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDatabase, withDatabase } from '@vg/db';

/** A port `pnpm start` will listen on (or the embedded PostgreSQL will), named by its setting. */
export interface PlannedPort {
  variable: string;
  port: number;
  /** Served over HTTP and probed with fetch (the gateway and subgraphs; not PostgreSQL). */
  http: boolean;
}

/**
 * The "bad ports" of the Fetch standard (https://fetch.spec.whatwg.org/#bad-port): Node's fetch
 * refuses them ("bad port"), so a readiness probe of a process listening there could never succeed.
 */
export const UNSAFE_PORTS: ReadonlySet<number> = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512,
  513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679,
  6697, 10080,
]);

/** Ports that cannot work whatever the machine: unsafe for fetch, or given to two processes. */
export function portProblems(ports: PlannedPort[]): string[] {
  const problems: string[] = [];
  for (const { variable, port, http } of ports) {
    if (http && UNSAFE_PORTS.has(port)) {
      problems.push(`${variable}=${port}: Node's fetch refuses this port as unsafe (the Fetch standard's "bad ports"), so its readiness could never be checked; choose another`);
    }
  }
  const byPort = new Map<number, string[]>();
  for (const { variable, port } of ports) byPort.set(port, [...(byPort.get(port) ?? []), variable]);
  for (const [port, variables] of byPort) {
    if (variables.length > 1) problems.push(`${variables.join(' and ')} are ${variables.length === 2 ? 'both' : 'all'} ${port}: every process needs its own port`);
  }
  return problems;
}

/** Whether `port` can be listened on at `host` right now. */
function canListen(host: string, port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error));
    server.listen(port, host, () => server.close(() => resolve(undefined)));
  });
}

/** Ports already taken (or not allowed) on `host`; `allowed` ports (e.g. a reusable server's) are skipped. */
export async function takenPorts(host: string, ports: PlannedPort[], allowed: (p: PlannedPort) => boolean = () => false): Promise<string[]> {
  const results = await Promise.all(
    ports.map(async (planned) => {
      if (allowed(planned)) return undefined;
      const error = await canListen(host, planned.port);
      if (!error) return undefined;
      if (error.code === 'EADDRINUSE') return `${planned.variable}=${planned.port}: the port is already in use on ${host}; stop what uses it or choose another port`;
      if (error.code === 'EACCES') return `${planned.variable}=${planned.port}: not allowed to listen on this port on ${host} (ports below 1024 need privileges); choose another`;
      return `${planned.variable}=${planned.port}: cannot listen on ${host}: ${error.message}`;
    }),
  );
  return results.filter((line): line is string => line !== undefined);
}

/**
 * The port of a live embedded PostgreSQL that owns `dataDir` (left by an earlier run), or undefined.
 * As root the server may live in a temp directory instead; this mirrors the fallback in
 * infra/db/src/embeddedPostgres.ts so a reusable server is not mistaken for a stranger on the port.
 */
export function liveEmbeddedServerPort(dataDir: string): number | undefined {
  const fallback = join(tmpdir(), `volunteer-graph-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`, 'postgres');
  for (const dir of [dataDir, fallback]) {
    const pidFile = join(dir, 'postmaster.pid');
    if (!existsSync(pidFile)) continue;
    const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
    try {
      process.kill(Number(pidLine), 0);
      return Number(portLine);
    } catch {
      // not running: the embedded server's start removes the stale file
    }
  }
  return undefined;
}

/** "host:port as user" of a PostgreSQL URL, for messages (never the password). */
function whereAndWho(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432} as ${decodeURIComponent(parsed.username) || '(no user)'}`;
}

/**
 * Connects once to each database server the subgraphs will use and makes sure each subgraph's
 * database exists (it would be created at start anyway), so a wrong user, password, host or a
 * missing privilege is one line now, not a stack trace from every service later.
 */
export async function databaseProblems(databaseUrls: string[]): Promise<string[]> {
  const problems = new Set<string>();
  for (const url of databaseUrls) {
    const parsed = new URL(url);
    // Give up on an unreachable host within seconds instead of waiting for the OS's TCP timeout.
    if (!parsed.searchParams.has('connect_timeout')) parsed.searchParams.set('connect_timeout', '5');
    const database = decodeURIComponent(parsed.pathname.slice(1));
    try {
      await ensureDatabase(withDatabase(parsed.toString(), 'postgres'), database);
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      // pg's wording when the server wants a password and the URL has none is about its internals.
      const reason = /client password must be a string/.test(message ?? '') ? 'the server asks for a password and the URL has none' : message || code || String(error);
      problems.add(
        code === '42501'
          ? `cannot create database ${database} on PostgreSQL at ${whereAndWho(url)}: ${reason} (grant CREATEDB, or create it first)`
          : `cannot connect to PostgreSQL at ${whereAndWho(url)}: ${reason}`,
      );
    }
  }
  return [...problems];
}
