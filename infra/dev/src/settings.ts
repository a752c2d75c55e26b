/**
 * Every setting `pnpm start` depends on, checked before anything starts: its own, and each child's
 * exactly as that child will see it, against the child's own schema. Every problem is collected,
 * so one run lists them all.
 */
import { booleanSchema, EnvironmentError, productionSecretIssues } from '@vg/config';
import { withDatabase } from '@vg/db';
import { join } from 'node:path';
import { REPO_ROOT, SUBGRAPHS } from '@vg/schema';
import { loadServiceDefinition, LOG_LEVELS, redactUrl, serviceEnvironmentSchema } from '@vg/service';
import { z } from 'zod';

type Env = Record<string, string | undefined>;

/** The gateway's settings schema, loaded by path as the services' are: infra imports no deployable. */
function gatewaySchema(): z.ZodType {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- by path, like loadServiceDefinition
  return (require(join(REPO_ROOT, 'gateway', 'src', 'environment')) as { gatewayEnvironmentSchema: z.ZodType }).gatewayEnvironmentSchema;
}

const key = (name: string) => name.toUpperCase().replace(/-/g, '_');
const PORT_MESSAGE = 'must be a port number from 1 to 65535';
// Port 0 ("any free port") cannot work here: the orchestrator must tell every process where the others are.
const port = z.coerce.number({ error: PORT_MESSAGE }).int(PORT_MESSAGE).min(1, PORT_MESSAGE).max(65535, PORT_MESSAGE);
const LONGEST_NAME = Math.max(...SUBGRAPHS.map(({ name }) => name.length));

/** The orchestrator's own settings. */
const startSchema = z.object({
  GATEWAY_PORT: port.default(4000),
  EMBEDDED_PG_PORT: port.default(54329),
  // `<prefix>_<name>` must be a plain PostgreSQL identifier of at most 63 characters.
  DB_NAME_PREFIX: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be lower-case letters, digits and _ (starting with a letter or _)')
    .max(62 - LONGEST_NAME, `must be at most ${62 - LONGEST_NAME} characters (database names are <prefix>_<subgraph>, at most 63)`)
    .default('volunteer_graph'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres://user:password@host:port/database URL' }).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  HOST: z.string().min(1).default('127.0.0.1'),
  SEED_WHEN_EMPTY: booleanSchema.default(true),
  ...Object.fromEntries(SUBGRAPHS.map(({ name, port: defaultPort }) => [`${key(name)}_PORT`, port.default(defaultPort)])),
});

export interface StartSettings {
  gatewayPort: number;
  embeddedPgPort: number;
  dbPrefix: string;
  databaseUrl?: string;
  logLevel: string;
  host: string;
  seedWhenEmpty: boolean;
  subgraphPorts: Record<string, number>;
}

/** One process `pnpm start` runs, with the exact environment it gets. */
export interface ChildPlan {
  name: string;
  entry: string;
  env: Record<string, string>;
}

/**
 * The host to reach a process listening on `host` from this machine: the loopback address for a
 * wildcard (0.0.0.0, ::), otherwise the host itself (an IPv6 literal in brackets). With HOST set to
 * one interface's address (HOST=10.0.0.5) nothing listens on 127.0.0.1, so URLs naming it would never
 * answer: the gateway would not find the subgraphs and `pnpm start` would wait for /ready in vain.
 */
export function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '[::]') return '127.0.0.1';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** What each child is given on top of `process.env`; `serverUrl` is the PostgreSQL server's URL. */
export function childPlans(settings: StartSettings, serverUrl: string, env: Env = process.env): ChildPlan[] {
  // Every process learns every subgraph's URL (services call each other directly; the gateway too).
  const urls = Object.fromEntries(SUBGRAPHS.map(({ name }) => [`${key(name)}_URL`, env[`${key(name)}_URL`] ?? `http://${reachableHost(settings.host)}:${settings.subgraphPorts[name]}/graphql`]));
  const services = SUBGRAPHS.map(({ name }) => ({
    name,
    entry: `services/${name}/src/main.ts`,
    env: {
      ...urls,
      [`${key(name)}_DATABASE_URL`]: env[`${key(name)}_DATABASE_URL`] ?? withDatabase(serverUrl, `${settings.dbPrefix}_${name}`),
      [`${key(name)}_PORT`]: String(settings.subgraphPorts[name]),
      SEED_WHEN_EMPTY: String(settings.seedWhenEmpty),
      LOG_LEVEL: settings.logLevel,
    },
  }));
  return [...services, { name: 'gateway', entry: 'gateway/src/main.ts', env: { ...urls, GATEWAY_PORT: String(settings.gatewayPort), LOG_LEVEL: settings.logLevel } }];
}

/** `NAME=value` for a message; secrets hidden, passwords in URLs masked. */
function shown(name: string, env: Env): string {
  const value = env[name];
  if (value === undefined) return `${name} (not set)`;
  if (/SECRET|KEY|PASSWORD|TOKEN/.test(name)) return `${name} (value hidden)`;
  // A URL's password is masked; one too malformed to parse is shown as is unless it may hold one.
  const url = /_URL$/.test(name) && URL.canParse(value) ? redactUrl(value) : value;
  return `${name}=${/_URL$/.test(name) && !URL.canParse(value) && value.includes('@') ? '(malformed URL, hidden)' : url}`;
}

/** Zod's wording for a non-number ("expected number, received NaN") in words a user can act on. */
const plain = (message: string) => message.replace(/^Invalid input: expected number, received NaN$/, 'must be a number');

/** Problems, grouped by variable so a setting several processes reject is listed once. */
class Problems {
  private readonly byVariable = new Map<string, { text: string; who: Set<string>; own: boolean }[]>();
  private readonly other: string[] = [];

  addIssues(who: string, issues: readonly z.core.$ZodIssue[], env: Env): void {
    for (const issue of issues) {
      const variable = String(issue.path[0] ?? '');
      if (!variable) {
        this.other.push(`${who}: ${issue.message}`);
        continue;
      }
      const entries = this.byVariable.get(variable) ?? [];
      // The orchestrator's own wording wins: the children would only repeat it less clearly.
      if (entries.some((e) => e.own) && who !== 'start') continue;
      const text = `${shown(variable, env)}: ${plain(issue.message)}`;
      const same = entries.find((e) => e.text === text);
      if (same) same.who.add(who);
      else entries.push({ text, who: new Set([who]), own: who === 'start' });
      this.byVariable.set(variable, entries);
    }
  }

  add(line: string): void {
    this.other.push(line);
  }

  lines(): string[] {
    const grouped = [...this.byVariable.values()].flat().map(({ text, who }) => `${text}  (${[...who].join(', ')})`);
    return [...grouped, ...this.other];
  }
}

/**
 * Parses the orchestrator's settings and checks every child's environment against that child's
 * schema (which, in production, refuses its secrets unset, weak or reused, as the child would).
 * Returns the settings only when there is no problem at all.
 */
export function checkSettings(env: Env = process.env): { settings?: StartSettings; problems: string[] } {
  const problems = new Problems();
  const own = startSchema.safeParse(env);
  if (!own.success) problems.addIssues('start', own.error.issues, env);
  const parsed = (own.success ? own.data : {}) as Record<string, unknown>;
  const pick = <T>(name: string, fallback: T): T => (own.success ? (parsed[name] as T) : ((startSchema.shape[name as 'HOST'].safeParse(env[name]).data as T) ?? fallback));
  const settings: StartSettings = {
    gatewayPort: pick('GATEWAY_PORT', 4000),
    embeddedPgPort: pick('EMBEDDED_PG_PORT', 54329),
    dbPrefix: pick('DB_NAME_PREFIX', 'volunteer_graph'),
    databaseUrl: pick<string | undefined>('DATABASE_URL', undefined),
    logLevel: pick('LOG_LEVEL', 'info'),
    host: pick('HOST', '127.0.0.1'),
    seedWhenEmpty: pick('SEED_WHEN_EMPTY', true),
    subgraphPorts: Object.fromEntries(SUBGRAPHS.map(({ name, port: p }) => [name, pick(`${key(name)}_PORT`, p)])),
  };

  // A stand-in server URL: the embedded server's password is known only once it runs, and only the
  // shape of the URL matters to the children's schemas.
  const serverUrl = settings.databaseUrl ?? `postgres://postgres@127.0.0.1:${settings.embeddedPgPort}/postgres`;
  for (const plan of childPlans(settings, serverUrl, env)) {
    const childEnv: Env = { ...env, ...plan.env };
    try {
      const definition = plan.name === 'gateway' ? undefined : loadServiceDefinition(plan.name);
      const result = (definition ? serviceEnvironmentSchema(definition) : gatewaySchema()).safeParse(childEnv);
      if (!result.success) problems.addIssues(plan.name, result.error.issues, childEnv);
    } catch (error) {
      const message = error instanceof EnvironmentError ? error.problems.join('; ') : (error as Error).message;
      problems.add(`${plan.name}: ${message}`);
    }
  }
  // No one process reads both the token secret and the PII keys, so only here can reusing one for the other be seen.
  if (env.NODE_ENV === 'production') {
    for (const pii of ['PII_ENCRYPTION_KEY', 'PII_HASH_KEY'] as const) {
      const reused = productionSecretIssues({ JWT_SECRET: env.JWT_SECRET, [pii]: env[pii] }, ['JWT_SECRET', pii]).filter(({ message }) => message.startsWith('is the same value'));
      problems.addIssues(
        'start',
        reused.map(({ variable, message }) => ({ code: 'custom', path: [variable], message, input: undefined })),
        env,
      );
    }
  }
  const lines = problems.lines();
  return lines.length ? { problems: lines } : { settings, problems: [] };
}
