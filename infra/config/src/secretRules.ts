/**
 * What production refuses as a secret. Kept simple on purpose, so it can be stated in a sentence
 * (README, "Secrets"): a secret must be set; must not be a value published in this repository or
 * contain a placeholder word; must be long enough (32 characters, or an AES key of exactly 32
 * random bytes); must not be one character repeated or mostly (two neighbours in three) repeated or
 * consecutive characters; must have at least 2.5 bits of Shannon entropy per character; and must not
 * be reused for another purpose. Messages name the rule, never the value.
 */

/** How a secret is used, which decides how it is measured. */
export type SecretKind = 'text' | 'aes256';

/**
 * Every secret any process reads, with its committed development default (used, with a warning,
 * only outside production). One table, so the defaults cannot drift apart between processes.
 */
export const SECRETS = {
  JWT_SECRET: { kind: 'text', development: 'dev-only-jwt-secret-change-me' },
  INTERNAL_SECRET: { kind: 'text', development: 'dev-only-internal-secret' },
  PII_ENCRYPTION_KEY: { kind: 'aes256', development: 'ZGV2LW9ubHktcGlpLWtleS1kby1ub3QtdXNlLTMyYiE=' }, // 32 bytes
  PII_HASH_KEY: { kind: 'text', development: 'dev-only-pii-hash-key' },
} as const satisfies Record<string, { kind: SecretKind; development: string }>;

export type SecretName = keyof typeof SECRETS;

/** Production's shortest text secret: 32 characters of base64 are 192 bits. */
export const MIN_SECRET_LENGTH = 32;
/** Below this many bits of Shannon entropy per character a secret is words or a pattern (32 random hex digits ≈ 3.7, base64 ≈ 4.5–5.9; abcabc… ≈ 1.6). */
export const MIN_BITS_PER_CHARACTER = 2.5;

// Values and words found in examples, tutorials and this repository: a secret containing one was typed, not generated.
const COMMITTED = new Set<string>(Object.values(SECRETS).map((s) => s.development.toLowerCase()));
const PLACEHOLDER_WORDS = ['change-me', 'changeme', 'change_me', 'changethis', 'replace-me', 'replaceme', 'dev-only', 'placeholder', 'example', 'secret', 'password', 'passw0rd', 'qwerty'];

/** Why `value` may not be used as the secret `name` in production, or undefined when it may. */
export function secretWeakness(name: SecretName, value: string): string | undefined {
  const lower = value.toLowerCase();
  if (COMMITTED.has(lower)) return 'is a development default committed to this repository: generate a new one (openssl rand -base64 48)';
  if (PLACEHOLDER_WORDS.some((word) => lower.includes(word))) return 'looks like a placeholder (contains a word such as "secret", "password" or "change-me"): generate one (openssl rand -base64 48)';
  if (SECRETS[name].kind === 'aes256') return aesKeyWeakness(value);
  if (value.length < MIN_SECRET_LENGTH) return `is too short: at least ${MIN_SECRET_LENGTH} characters in production (openssl rand -base64 48)`;
  return patternWeakness([...value], 'character');
}

/** An AES-256 key: exactly 32 bytes, as 64 hex digits or base64 (as FieldCipher reads it), and random ones. */
function aesKeyWeakness(value: string): string | undefined {
  const hex = /^[0-9a-f]{64}$/i.test(value);
  const bytes = hex ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  // Buffer skips characters that are not base64: only a value that re-encodes to itself was base64.
  const canonical = hex || bytes.toString('base64').replace(/=+$/, '') === value.replace(/=+$/, '');
  if (!canonical || bytes.length !== 32) return 'must decode to exactly 32 bytes (64 hex digits or base64; openssl rand -base64 32)';
  // 32 random bytes are all printable with a chance of about 1 in 10^13: this is an encoded password.
  if (bytes.every((b) => b >= 0x20 && b < 0x7f)) return 'decodes to readable text, not random bytes: generate one (openssl rand -base64 32)';
  return patternWeakness([...bytes], 'byte');
}

/** A single repeated symbol, mostly runs (aaaa, abcd, 4321), or too little entropy per symbol. */
function patternWeakness(symbols: (string | number)[], unit: string): string | undefined {
  const codes = symbols.map((s) => (typeof s === 'number' ? s : s.codePointAt(0)!));
  if (new Set(codes).size === 1) return `is one ${unit} repeated`;
  let steps = 0;
  for (let i = 1; i < codes.length; i++) if (Math.abs(codes[i] - codes[i - 1]) <= 1) steps++;
  // Random text repeats or steps by one between neighbours about 3 times in 64 (base64) or 16 (hex);
  // two neighbours in three doing so is a pattern (aaaa, abcd, 4321, abcdabcd).
  if (steps * 3 >= (codes.length - 1) * 2) return `is mostly a run of repeated or consecutive ${unit}s (like aaaa, abcd, 4321)`;
  if (shannonBitsPerSymbol(codes) < MIN_BITS_PER_CHARACTER) return `has too little entropy (under ${MIN_BITS_PER_CHARACTER} bits per ${unit}): generate one (openssl rand -base64 48)`;
  return undefined;
}

/** Shannon entropy of the symbols' frequencies, in bits per symbol. */
export function shannonBitsPerSymbol(codes: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / codes.length) * Math.log2(n / codes.length);
  return bits;
}

/** One problem with one variable, in the shape of an environment issue. */
export interface SecretIssue {
  variable: SecretName;
  message: string;
}

/**
 * Every reason the secrets a process reads cannot be used in production: unset, weak, or the same
 * value as another of them (a leaked hash key must not also sign tokens). Empty when all are fine.
 */
export function productionSecretIssues(values: Partial<Record<SecretName, string | undefined>>, names: readonly SecretName[]): SecretIssue[] {
  const issues: SecretIssue[] = [];
  const seen = new Map<string, SecretName>();
  for (const name of names) {
    const value = values[name];
    if (!value) {
      issues.push({ variable: name, message: 'must be set in production (openssl rand -base64 48)' });
      continue;
    }
    const weakness = secretWeakness(name, value);
    if (weakness) issues.push({ variable: name, message: weakness });
    const other = seen.get(value);
    if (other) issues.push({ variable: name, message: `is the same value as ${other}: each secret must have one purpose` });
    else seen.set(value, name);
  }
  return issues;
}
