import type { ServiceDeps } from './ServiceDefinition';

/**
 * Waits until each named subgraph this service calls answers /ready — under `pnpm start` that means
 * it has seeded — before a seed that reads from it. Says every `reportEveryMs` who it still waits
 * for; gives up (throws) after `timeoutMs`.
 */
export async function waitForSubgraphs(
  deps: Pick<ServiceDeps<unknown>, 'clients'> & { progress?: (message: string) => void },
  names: readonly string[],
  { timeoutMs = 10 * 60_000, pollMs = 500, reportEveryMs = 10_000 }: { timeoutMs?: number; pollMs?: number; reportEveryMs?: number } = {},
): Promise<void> {
  const started = Date.now();
  let reported = started;
  let waiting = [...names];
  for (;;) {
    const answers = await Promise.all(
      waiting.map(async (name) => {
        const client = deps.clients[name];
        if (!client) throw new Error(`not a subgraph this service calls: ${name}`);
        return fetch(new URL('/ready', client.url), { signal: AbortSignal.timeout(2000) }).then(
          (r) => r.ok,
          () => false,
        );
      }),
    );
    waiting = waiting.filter((_, i) => !answers[i]);
    if (waiting.length === 0) return;
    if (Date.now() - started > timeoutMs) throw new Error(`gave up waiting for ${waiting.join(', ')} to be ready after ${Math.round(timeoutMs / 1000)} s`);
    if (Date.now() - reported >= reportEveryMs) {
      deps.progress?.(`waiting for ${waiting.join(', ')} to be ready`);
      reported = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
