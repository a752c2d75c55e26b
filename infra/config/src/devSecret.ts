const warned = new Set<string>();

/**
 * Returns `value` when set; otherwise a fixed development default, after a loud warning on stderr
 * (once per name). In production (`NODE_ENV=production`) a missing secret is an error instead: a
 * committed default must never protect real data.
 */
export function devSecret(name: string, value: string | undefined, devDefault: string): string {
  if (value) return value;
  if (process.env.NODE_ENV === 'production') {
    throw new Error(`${name} must be set in production`);
  }
  if (!warned.has(name) && !process.env.JEST_WORKER_ID) {
    warned.add(name);
    process.stderr.write(`\x1b[33m[WARNING] ${name} is not set: using the committed DEVELOPMENT default. ` + `Never run with it on real data.\x1b[0m\n`);
  }
  return devDefault;
}
