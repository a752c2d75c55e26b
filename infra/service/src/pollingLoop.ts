import type { Logger } from '@vg/logger';

export interface PollingLoopOptions {
  /** Names the loop in its log lines. */
  name: string;
  logger: Pick<Logger, 'warn'>;
  /** One round of work: 'more' to run again at once, 'idle' to wait `idleMs` first. */
  tick: () => Promise<'more' | 'idle'>;
  idleMs: number;
  /** The wait after a round that threw (it is logged, never fatal); `idleMs` when omitted. */
  failureMs?: number;
}

/**
 * The loop every background worker runs: a round of work, again at once while there is more,
 * otherwise a pause; a failed round is logged and retried after a pause. `stop()` cuts the pause
 * short and resolves once the round in hand has finished, so a worker never writes to a closed
 * database.
 */
export function pollingLoop({ name, logger, tick, idleMs, failureMs = idleMs }: PollingLoopOptions): { start(): void; stop(): Promise<void> } {
  let stopping = false;
  let running: Promise<void> | null = null;
  let wake: (() => void) | null = null;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => (wake = null));

  async function loop(): Promise<void> {
    while (!stopping) {
      let wait = idleMs;
      try {
        if ((await tick()) === 'more') continue;
      } catch (error) {
        logger.warn({ err: error }, `${name}: a round failed; retrying`);
        wait = failureMs;
      }
      if (!stopping) await pause(wait);
    }
  }

  return {
    start() {
      if (running) return;
      stopping = false;
      running = loop();
    },
    async stop() {
      stopping = true;
      wake?.();
      await running;
      running = null;
    },
  };
}
