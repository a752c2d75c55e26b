/**
 * With NODE_ENV=production no process starts on a committed or weak secret: the gateway and a
 * subgraph as real processes (their real entry points under tsx), every subgraph through the
 * schema `runService` parses, and `pnpm start`'s preflight. Each refusal names the variable and
 * the rule, exits 1 before listening, and never prints the secret.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { SECRETS } from '@vg/config';
import { freePort } from '@vg/db';
import { loadEnvironment } from '@vg/gateway';
import { SUBGRAPHS } from '@vg/schema';
import { loadServiceDefinition, serviceEnvironmentSchema } from '@vg/service';
import { isolatedEnvironment, runStartScript } from './start-script';

const ROOT = join(__dirname, '..', '..');
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
const SECRETS_REASON = 'is a development default committed to this repository: generate a new one (openssl rand -base64 48)';

const committed = Object.fromEntries(Object.entries(SECRETS).map(([name, { development }]) => [name, development]));
const strong = () => ({
  JWT_SECRET: randomBytes(48).toString('base64'),
  INTERNAL_SECRET: randomBytes(48).toString('base64'),
  PII_HASH_KEY: randomBytes(48).toString('base64'),
  PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
});

interface Run {
  code: number | null;
  output: string;
}

/**
 * Runs a real entry point under tsx with NODE_ENV=production and `env`; ends when it exits, or
 * (then stopped) once its output matches `until`.
 */
function runEntry(entry: string, env: Record<string, string>, until?: RegExp): Promise<Run> {
  // Only what a process needs to run, so no secret of this machine's environment leaks in.
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', LOG_LEVEL: 'info' };
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, entry)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...base, ...env } });
  let output = '';
  let stopped = false;
  // Generous: four of these load at once on two cores that other work shares.
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const seen = (chunk: Buffer) => {
    output += chunk;
    if (until && !stopped && until.test(output)) {
      stopped = true;
      child.kill('SIGTERM');
    }
  };
  child.stdout.on('data', seen);
  child.stderr.on('data', seen);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code: stopped ? null : code, output });
    }),
  );
}

/** A refusal: status 1, the variable named with its reason, no value printed, no stack trace. */
function expectRefused(run: Run, reasons: Record<string, RegExp>, values: string[]) {
  expect(run.code).toBe(1);
  expect(run.output).toContain('Invalid environment');
  for (const [variable, reason] of Object.entries(reasons)) expect(run.output).toMatch(new RegExp(`${variable}: ${reason.source}`));
  for (const value of values) expect(run.output).not.toContain(value);
  expect(run.output).not.toMatch(STACK_LINE);
  expect(run.output).not.toMatch(/ready|listening/i);
}

describe('production refuses committed and weak secrets', () => {
  // Four processes side by side (each takes seconds to load), each refusal case sharing one.
  const gatewayEntry = 'gateway/src/main.ts';
  const volunteersEntry = 'services/volunteers/src/main.ts';
  const runs: Record<string, Promise<Run>> = {};
  const gatewayStrong = strong();
  const volunteersStrong = strong();
  const weakInternal = randomBytes(15).toString('base64url'); // 20 characters: enough for development
  const shortKey = randomBytes(31).toString('base64');

  beforeAll(async () => {
    // Nothing listens there: a subgraph past its secret checks fails on its database instead.
    const volunteersEnv = { VOLUNTEERS_PORT: '0', VOLUNTEERS_DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/volunteers` };
    runs.gatewayRefused = runEntry(gatewayEntry, { GATEWAY_PORT: '0', JWT_SECRET: committed.JWT_SECRET, INTERNAL_SECRET: weakInternal });
    runs.gatewayStrong = runEntry(gatewayEntry, { GATEWAY_PORT: '0', JWT_SECRET: gatewayStrong.JWT_SECRET, INTERNAL_SECRET: gatewayStrong.INTERNAL_SECRET }, /gateway ready/);
    // The committed internal secret, reused as the hash key, and an AES key a byte short.
    runs.volunteersRefused = runEntry(volunteersEntry, { ...volunteersEnv, INTERNAL_SECRET: committed.INTERNAL_SECRET, PII_HASH_KEY: committed.INTERNAL_SECRET, PII_ENCRYPTION_KEY: shortKey });
    runs.volunteersStrong = runEntry(volunteersEntry, { ...volunteersEnv, ...volunteersStrong });
    await Promise.all(Object.values(runs));
  }, 90_000);

  it('the gateway: the committed JWT secret set explicitly, and a short internal secret', async () => {
    expectRefused(await runs.gatewayRefused, { JWT_SECRET: /is a development default/, INTERNAL_SECRET: /is too short: at least 32 characters/ }, [committed.JWT_SECRET, weakInternal]);
  });

  it('the gateway: strong secrets start it', async () => {
    const run = await runs.gatewayStrong;
    expect(run.output).toMatch(/gateway ready/);
    expect(run.output).not.toContain('Invalid environment');
    for (const value of Object.values(gatewayStrong)) expect(run.output).not.toContain(value);
  });

  it('a subgraph: a committed secret, one secret for two purposes, and a key of the wrong size', async () => {
    expectRefused(
      await runs.volunteersRefused,
      { INTERNAL_SECRET: /is a development default/, PII_HASH_KEY: /is the same value as INTERNAL_SECRET/, PII_ENCRYPTION_KEY: /must decode to exactly 32 bytes/ },
      [committed.INTERNAL_SECRET, shortKey],
    );
  });

  it('a subgraph: strong secrets get it past the checks, to its database', async () => {
    const run = await runs.volunteersStrong;
    expect(run.code).toBe(1);
    expect(run.output).not.toContain('Invalid environment');
    expect(run.output).toMatch(/volunteers failed to start: .*ECONNREFUSED/);
    for (const value of Object.values(volunteersStrong)) expect(run.output).not.toContain(value);
  });
});

describe('every process, through the settings it parses at start', () => {
  const databaseUrls = Object.fromEntries(SUBGRAPHS.map(({ name }) => [`${name.toUpperCase()}_DATABASE_URL`, `postgres://postgres@127.0.0.1:5432/${name}`]));
  const issuesOf = (name: string, env: Record<string, string>) => {
    const result = serviceEnvironmentSchema(loadServiceDefinition(name)).safeParse({ NODE_ENV: 'production', ...databaseUrls, ...env });
    return (result.error?.issues ?? []).map((issue) => `${String(issue.path[0])}: ${issue.message}`);
  };

  it.each(SUBGRAPHS.map(({ name }) => name))('%s refuses committed and weak secrets and accepts strong ones', (name) => {
    const definition = loadServiceDefinition(name);
    const reads = [
      'INTERNAL_SECRET',
      ...(definition.secrets?.piiEncryption ? ['PII_ENCRYPTION_KEY'] : []),
      ...(definition.secrets?.piiHash || definition.secrets?.piiEncryption ? ['PII_HASH_KEY'] : []),
    ];
    expect(issuesOf(name, committed).sort()).toEqual(reads.map((variable) => expect.stringMatching(new RegExp(`^${variable}: is a development default`))).sort());
    expect(issuesOf(name, {})).toEqual(reads.map((variable) => `${variable}: must be set in production (openssl rand -base64 48)`));
    expect(issuesOf(name, { ...strong(), INTERNAL_SECRET: 'x'.repeat(40) })).toEqual(['INTERNAL_SECRET: is one character repeated']);
    expect(issuesOf(name, strong())).toEqual([]);
  });

  it('the gateway accepts strong secrets (and its refusals are the spawned ones above)', () => {
    const secrets = strong();
    expect(loadEnvironment({ NODE_ENV: 'production', JWT_SECRET: secrets.JWT_SECRET, INTERNAL_SECRET: secrets.INTERNAL_SECRET })).toMatchObject({ jwtSecret: secrets.JWT_SECRET });
  });

  it('`pnpm start` refuses them before starting anything, naming who refuses, never the value', async () => {
    const env = await isolatedEnvironment(`vgsecrets_${process.pid}`);
    const reusedSecret = randomBytes(48).toString('base64');
    const result = await runStartScript({ ...env, NODE_ENV: 'production', ...committed, JWT_SECRET: reusedSecret, PII_HASH_KEY: reusedSecret }, 60_000);
    expect(result.code).toBe(1);
    expect(result.output).toContain('nothing was started');
    const everyone = [...SUBGRAPHS.map(({ name }) => name), 'gateway'].join(', ');
    expect(result.output).toContain(`INTERNAL_SECRET (value hidden): ${SECRETS_REASON}  (${everyone})`);
    expect(result.output).toMatch(/PII_ENCRYPTION_KEY \(value hidden\): is a development default.*\(volunteers/);
    // No one process reads both: the reuse is seen across them.
    expect(result.output).toMatch(/PII_HASH_KEY \(value hidden\): is the same value as JWT_SECRET/);
    for (const value of [...Object.values(committed), reusedSecret]) expect(result.output).not.toContain(value);
  }, 90_000);
});
