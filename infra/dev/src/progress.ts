/** What the processes are doing while the system comes up, for the person watching `pnpm start`. */

export type ProcessState = 'starting' | 'seeding' | 'ready';

/** Where to ask each process how far it is. */
export interface Probe {
  name: string;
  /** http://host:port of the process (it serves /health and /ready). */
  base: string;
}

async function status(url: string): Promise<number> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).status;
  } catch {
    return 0;
  }
}

/**
 * A process that does not answer /health yet is starting (loading code, migrating); one that
 * answers /health but not /ready is seeding its demo data (a subgraph's /ready turns true only
 * after seeding) or, for the gateway, waiting for the subgraphs.
 */
export async function processState({ base }: Probe): Promise<ProcessState> {
  if ((await status(`${base}/ready`)) === 200) return 'ready';
  return (await status(`${base}/health`)) === 200 ? 'seeding' : 'starting';
}

/** "waiting for: projects (seeding), insurance (starting)", or undefined once every process is ready. */
export async function waitingLine(probes: Probe[]): Promise<string | undefined> {
  const states = await Promise.all(probes.map(async (probe) => [probe.name, await processState(probe)] as const));
  const waiting = states.filter(([, state]) => state !== 'ready');
  if (!waiting.length) return undefined;
  return `waiting for: ${waiting.map(([name, state]) => `${name} (${name === 'gateway' && state === 'seeding' ? 'waiting for the subgraphs' : state})`).join(', ')}`;
}
