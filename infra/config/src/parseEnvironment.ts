import type { z } from 'zod';

/** Thrown by `parseEnvironment` when `exitOnError` is false; lists every problem, not just the first. */
export class EnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Parses the whole environment once against `schema`. On failure it prints every problem and exits
 * with status 1 (the process cannot do anything useful with half a configuration), unless
 * `exitOnError` is false, in which case it throws an `EnvironmentError` (for tests).
 */
export function parseEnvironment<S extends z.ZodType>(schema: S, env: Record<string, string | undefined> = process.env, { exitOnError = true }: { exitOnError?: boolean } = {}): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  const error = new EnvironmentError(problems);
  if (!exitOnError) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
