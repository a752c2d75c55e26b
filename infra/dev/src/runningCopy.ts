/**
 * One running copy per set of databases and ports. A running `pnpm start` leaves a lock file in
 * .data/ (its pid, gateway URL, ports and databases); a second start that would share its ports or
 * databases is refused instead of announcing the first copy as its own (the first copy's gateway
 * would answer /ready, and the embedded PostgreSQL would be reused, so everything would look up).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RunningCopy {
  pid: number;
  gatewayUrl: string;
  ports: number[];
  /** Identifies the databases: the server (host:port, or the embedded data directory) and the prefix. */
  databases: string;
}

const PREFIX = 'running-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Live copies recorded in `dir`; lock files of copies that died without cleaning up are removed. */
function liveCopies(dir: string): RunningCopy[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.startsWith(PREFIX) && name.endsWith('.json'));
  } catch {
    return [];
  }
  const copies: RunningCopy[] = [];
  for (const name of names) {
    const file = join(dir, name);
    try {
      const copy = JSON.parse(readFileSync(file, 'utf8')) as RunningCopy;
      if (copy.pid !== process.pid && alive(copy.pid)) copies.push(copy);
      else if (copy.pid !== process.pid) unlinkSync(file);
    } catch {
      // unreadable or removed meanwhile: not a live copy
    }
  }
  return copies;
}

/** Whatever answers /health on the gateway port, when it says it is a Volunteer Graph gateway. */
async function gatewayAnswering(gatewayUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${gatewayUrl}/health`, { signal: AbortSignal.timeout(1000) });
    const body = (await response.json()) as { service?: unknown };
    return body.service === 'gateway';
  } catch {
    return false;
  }
}

/**
 * Why this copy must not start beside another, or undefined. A lock file sharing a port or the
 * databases wins (it knows the pid); otherwise a gateway answering on our gateway port (a copy from
 * another checkout, or one started before lock files existed).
 */
export async function runningCopyProblem(dir: string, planned: Omit<RunningCopy, 'pid'>): Promise<string | undefined> {
  const other = liveCopies(dir).find((copy) => copy.databases === planned.databases || copy.ports.some((port) => planned.ports.includes(port)));
  if (other) return `Volunteer Graph is already running (pid ${other.pid}, ${other.gatewayUrl}); stop it first (Ctrl-C in its terminal, or kill ${other.pid})`;
  if (await gatewayAnswering(planned.gatewayUrl)) {
    return `Volunteer Graph is already running (its gateway answers at ${planned.gatewayUrl}); stop it first, or set GATEWAY_PORT and the subgraph ports to start another`;
  }
  return undefined;
}

/** Records this copy as running; returns a function that removes the record (call it on exit). */
export function recordRunningCopy(dir: string, copy: RunningCopy): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${PREFIX}${createHash('sha256').update(copy.databases).digest('hex').slice(0, 12)}.json`);
  // 'wx': of two copies starting at the same moment on the same databases, the second fails here.
  writeFileSync(file, `${JSON.stringify(copy, null, 2)}\n`, { flag: 'wx' });
  return () => {
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  };
}
