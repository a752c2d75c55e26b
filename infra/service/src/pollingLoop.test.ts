import { pollingLoop } from './pollingLoop';

const quiet = { warn: jest.fn() };

describe('pollingLoop', () => {
  it('runs again at once while there is more, pauses when idle, and stops after the round in hand', async () => {
    const rounds: string[] = [];
    let answers = ['more', 'more', 'idle'] as ('more' | 'idle')[];
    let release: () => void = () => {};
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const loop = pollingLoop({
      name: 't',
      logger: quiet,
      idleMs: 60_000,
      tick: async () => {
        rounds.push('round');
        const answer = answers.shift();
        if (answer) return answer;
        await blocked; // a long round: stop() must wait for it
        return 'idle';
      },
    });
    loop.start();
    await new Promise((r) => setTimeout(r, 20));
    // Three rounds back to back, then the idle pause (60 s) cut short by stop().
    expect(rounds).toHaveLength(3);
    await loop.stop();
    expect(rounds).toHaveLength(3);

    answers = [];
    loop.start();
    await new Promise((r) => setTimeout(r, 10));
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(stopped).toBe(true);
  });

  it('logs a failed round and tries again after the failure pause', async () => {
    let calls = 0;
    const logger = { warn: jest.fn() };
    const loop = pollingLoop({
      name: 'flaky',
      logger,
      idleMs: 60_000,
      failureMs: 5,
      tick: async () => {
        calls += 1;
        if (calls < 3) throw new Error('down');
        return 'idle';
      },
    });
    loop.start();
    await new Promise((r) => setTimeout(r, 50));
    await loop.stop();
    expect(calls).toBe(3);
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });
});
