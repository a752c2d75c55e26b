import pino from 'pino';

export type Logger = pino.Logger;

export interface LoggerOptions {
  /** Name shown on every line, e.g. the service name. */
  name: string;
  level?: string;
  /** Where lines go; defaults to stdout. Tests pass a stream to read them back. */
  destination?: pino.DestinationStream;
}

/** A JSON logger (pino). Libraries receive it; only entry points create one. */
export function createLogger({ name, level = 'info', destination }: LoggerOptions): Logger {
  return pino(
    {
      name,
      level,
      base: { service: name },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Personal data must never reach logs, even when an object is logged whole.
      redact: {
        paths: ['*.idNumber', '*.phone', 'idNumber', 'phone', 'req.headers.authorization', 'authorization'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** A logger that drops everything (tests that do not read logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
