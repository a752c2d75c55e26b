/**
 * On SIGINT or SIGTERM: log, run `stop` (close servers, pools), exit 0 — or exit 1 if stopping
 * fails or takes longer than `timeoutMs`, so a stuck process never outlives its supervisor.
 */
export function stopOnSignals(logger: { info(obj: object, msg: string): void; error(obj: object, msg: string): void }, stop: () => Promise<void>, timeoutMs = 10_000): void {
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), timeoutMs).unref();
    stop().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}
