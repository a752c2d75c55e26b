import { secretWeakness, SECRETS, type SecretName } from './secretRules';

const warned = new Set<string>();

/**
 * Returns `value` when set; otherwise a fixed development default, after a loud warning on stderr
 * (once per name). In production (`NODE_ENV=production`) a missing or weak secret is an error
 * instead (naming the variable and the rule, never the value): a committed default must never
 * protect real data. The environment schemas refuse these first (`withSecretChecks`); this is the
 * last line for a caller that skipped them.
 */
export function devSecret(name: string, value: string | undefined, devDefault: string): string {
  if (process.env.NODE_ENV === 'production') {
    if (!value) throw new Error(`${name} must be set in production`);
    const weakness = name in SECRETS ? secretWeakness(name as SecretName, value) : undefined;
    if (weakness) throw new Error(`${name} ${weakness}`);
    return value;
  }
  if (value) return value;
  if (!warned.has(name) && !process.env.JEST_WORKER_ID) {
    warned.add(name);
    process.stderr.write(`\x1b[33m[WARNING] ${name} is not set: using the committed DEVELOPMENT default. ` + `Never run with it on real data.\x1b[0m\n`);
  }
  return devDefault;
}
