/** `pnpm start` as a child process, for the end-to-end tests of the start script. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { dropDatabase, freePorts } from '@vg/db';
import { SUBGRAPHS } from '@vg/schema';

const ROOT = join(__dirname, '..', '..');

export interface StartedScript {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved as they arrived. */
  output(): string;
  exited: Promise<number | null>;
}

/** Settings for one isolated copy: the test server, its own database prefix and free ports. */
export async function isolatedEnvironment(prefix: string): Promise<Record<string, string>> {
  const ports: number[] = [];
  ports.push(...(await freePorts(SUBGRAPHS.length + 1)));
  const [gatewayPort, ...subgraphPorts] = ports;
  return {
    DATABASE_URL: process.env.VG_TEST_SERVER_URL!,
    DB_NAME_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    GATEWAY_PORT: String(gatewayPort),
    ...Object.fromEntries(SUBGRAPHS.map(({ name }, i) => [`${name.toUpperCase()}_PORT`, String(subgraphPorts[i])])),
  };
}

/** Spawns infra/dev/src/start.ts with `env` on top of this process's environment. */
export function startScript(env: Record<string, string>): StartedScript {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'infra', 'dev', 'src', 'start.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  // 'close' rather than 'exit': every byte of output has arrived by then.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Runs the start script to its end; fails the test when it is still running after `timeoutMs`. */
export async function runStartScript(env: Record<string, string>, timeoutMs = 15_000): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now();
  const script = startScript(env);
  const timer = setTimeout(() => script.child.kill('SIGKILL'), timeoutMs);
  const code = await script.exited;
  clearTimeout(timer);
  const ms = Date.now() - started;
  if (ms >= timeoutMs) throw new Error(`pnpm start was still running after ${timeoutMs} ms:\n${script.output()}`);
  return { code, output: script.output(), ms };
}

export async function dropDatabasesWithPrefix(prefix: string): Promise<void> {
  await Promise.all(SUBGRAPHS.map(({ name }) => dropDatabase(process.env.VG_TEST_SERVER_URL!, `${prefix}_${name}`)));
}

/**
 * Lines that a child process printed (`pnpm start` prefixes them with `[name]`): none means none
 * was spawned, as every process logs at info when it starts or fails.
 */
export function childLines(output: string): string[] {
  const names = [...SUBGRAPHS.map(({ name }) => name), 'gateway'];
  return output.split('\n').filter((line) => names.some((name) => line.includes(`[${name}]`)));
}
