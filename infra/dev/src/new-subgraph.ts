/**
 * `pnpm new-subgraph NAME`: a working, tested, empty subgraph in the common shape
 * (docs/service-shape.md), with every mechanical step done:
 *  1. services/NAME/ and test/src/NAME.e2e.test.ts from infra/dev/templates/subgraph (an example
 *     `<Name>Note` entity: query, list, ADMIN-only mutation, migration, seed, unit, integration and
 *     end-to-end tests);
 *  2. its line in the subgraph registry (schema/src/subgraphs.ts), on the next free port;
 *  3. `pnpm install --offline` (else `pnpm install`), `pnpm compose` and `pnpm codegen`.
 * An unusable NAME is refused before anything is written (exit status 2).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const TEMPLATES = resolve(__dirname, '..', 'templates', 'subgraph');
const REGISTRY = join(ROOT, 'schema', 'src', 'subgraphs.ts');
const SUPERGRAPH = join(ROOT, 'schema', 'supergraph.graphql');

/** Exit status for a NAME that cannot be used (nothing was written). */
export const EXIT_INVALID_NAME = 2;

/**
 * Names that would collide with something other than a subgraph: top-level folders and tools,
 * environment variables (`DATABASE` → DATABASE_URL, `GATEWAY` → GATEWAY_PORT), GraphQL's root
 * types, and JavaScript's reserved words (the name becomes identifiers such as `demoNote`).
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(
  [
    'gateway schema schemas test tests infra dev services service shared common core docs bench start scripts src generated templates node modules',
    'config logger db graphql crypto random standards e2e vg apollo federation supergraph subgraph',
    'database embedded jwt internal pii log seed host max include sandbox',
    'query mutation subscription entity entities any',
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null',
    'return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await async',
  ]
    .join(' ')
    .split(' '),
);

/** The spellings of a subgraph's name that the templates use. */
export interface TemplateValues {
  /** As given: `demo` (package @vg/demo, folder, table prefix, field prefix `demoNote`). */
  name: string;
  /** PascalCase: `Demo` (types `DemoNote`, `DemoContext`). */
  Name: string;
  /** Upper case: `DEMO` (DEMO_PORT). */
  NAME: string;
  /** The first migration's timestamp (ms). */
  TIMESTAMP: string;
}

export function templateValues(name: string, timestamp: number = Date.now()): TemplateValues {
  return { name, Name: name[0].toUpperCase() + name.slice(1), NAME: name.toUpperCase(), TIMESTAMP: String(timestamp) };
}

/** The GraphQL names the example entity adds to the supergraph (they must be new there). */
export function graphqlNames(values: TemplateValues): { types: string[]; fields: string[] } {
  const type = `${values.Name}Note`;
  return { types: [type, `${type}Connection`, `${type}Edge`], fields: [`${values.name}Note`, `${values.name}Notes`, `create${type}`] };
}

/** What is already taken, for `nameProblem`. */
export interface TakenNames {
  /** In the subgraph registry. */
  registered: readonly string[];
  /** Folders under services/. */
  folders: readonly string[];
  /** Short names of workspace packages (`@vg/config` → `config`). */
  packages: readonly string[];
  /** The committed supergraph SDL, to check the example's type and field names against. */
  supergraph?: string;
}

/** Why `name` cannot be a new subgraph's name, or null when it can. */
export function nameProblem(name: string | undefined, taken: TakenNames): string | null {
  if (!name) return 'give the new subgraph a name: pnpm new-subgraph NAME (lower-case letters, e.g. `pnpm new-subgraph demo`)';
  if (!/^[a-z]+$/.test(name)) return `"${name}" is not a valid name: use lower-case letters only (a-z), e.g. "demo"`;
  if (name.length < 2 || name.length > 24) return `"${name}" is not a valid name: use 2 to 24 letters`;
  if (taken.registered.includes(name)) return `"${name}" is already a subgraph (schema/src/subgraphs.ts)`;
  if (taken.folders.includes(name)) return `services/${name} already exists`;
  if (taken.packages.includes(name)) return `"${name}" is already a workspace package (@vg/${name})`;
  if (RESERVED_NAMES.has(name)) return `"${name}" is reserved (it would collide with a folder, a package, an environment variable or a keyword): choose another name`;
  if (taken.supergraph) {
    const { types, fields } = graphqlNames(templateValues(name));
    const clash = [
      ...types.filter((type) => new RegExp(`^(type|input|enum|interface|union|scalar)\\s+${type}\\b`, 'm').test(taken.supergraph!)),
      ...fields.filter((field) => new RegExp(`^\\s+${field}\\s*[(:]`, 'm').test(taken.supergraph!)),
    ];
    if (clash.length) return `"${name}" would clash in the supergraph with ${clash.join(', ')}: choose another name`;
  }
  return null;
}

const ENTRY = /\{\s*name:\s*'([a-z][a-z0-9-]*)',\s*port:\s*(\d+)\s*\}/g;

/** The registry's `SUBGRAPHS` block: where it starts and where its closing `] as const` is. */
function registryBlock(source: string): { start: number; end: number } {
  const start = source.search(/export const SUBGRAPHS\s*=\s*\[/);
  const end = start < 0 ? -1 : source.indexOf('] as const', start);
  if (start < 0 || end < 0) throw new Error('cannot find `export const SUBGRAPHS = [ ... ] as const` in schema/src/subgraphs.ts');
  return { start, end };
}

/** The subgraphs in the registry's source text, in order. */
export function registeredSubgraphs(source: string): { name: string; port: number }[] {
  const { start, end } = registryBlock(source);
  return [...source.slice(start, end).matchAll(ENTRY)].map((m) => ({ name: m[1], port: Number(m[2]) }));
}

/** Ports Node's fetch refuses ("bad port"): a readiness probe on one would never succeed. */
const FETCH_BAD_PORTS = new Set([5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080]);

/** The port after the highest one in use (skipping ports fetch refuses). */
export function nextPort(ports: readonly number[]): number {
  let port = Math.max(4000, ...ports) + 1;
  while (FETCH_BAD_PORTS.has(port)) port += 1;
  if (port > 65535) throw new Error("no port left after the registry's highest");
  return port;
}

/**
 * The registry's source with `{ name, port }` added as the last entry of SUBGRAPHS, indented like
 * the others; everything else (comments, the type, the functions) is kept byte for byte.
 */
export function addToRegistry(source: string, name: string, port: number): string {
  if (registeredSubgraphs(source).some((s) => s.name === name)) throw new Error(`${name} is already in the subgraph registry`);
  const { start, end } = registryBlock(source);
  const head = source.slice(0, end);
  const body = head.replace(/\s*$/, '');
  const closing = head.slice(body.length) || '\n';
  const indent = /\n([ \t]*)\{\s*name:/.exec(source.slice(start, end))?.[1] ?? '  ';
  const comma = body.endsWith(',') || body.endsWith('[') ? '' : ',';
  return `${body}${comma}\n${indent}{ name: '${name}', port: ${port} },${closing.startsWith('\n') ? closing : `\n${closing}`}${source.slice(end)}`;
}

/** `text` with every `__name__`, `__Name__`, `__NAME__` and `__TIMESTAMP__` replaced. */
export function renderTemplate(text: string, values: TemplateValues): string {
  return text.replace(/__(name|Name|NAME|TIMESTAMP)__/g, (_, key: keyof TemplateValues) => values[key]);
}

/** Every file the templates make, by path relative to the repository root (templates end in `.tmpl`). */
export function renderSubgraph(values: TemplateValues, templatesDir: string = TEMPLATES): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.tmpl')) files.set(renderTemplate(relative(templatesDir, path), values).replace(/\.tmpl$/, ''), renderTemplate(readFileSync(path, 'utf8'), values));
    }
  };
  walk(templatesDir);
  return files;
}

/** What is taken in the repository at `root`. */
export function takenNames(root: string = ROOT): TakenNames {
  const services = join(root, 'services');
  const folders = existsSync(services) ? readdirSync(services).filter((entry) => statSync(join(services, entry)).isDirectory()) : [];
  const packageDirs = ['infra', 'services'].flatMap((parent) => (existsSync(join(root, parent)) ? readdirSync(join(root, parent)).map((entry) => join(root, parent, entry)) : []));
  const packages = [...packageDirs, join(root, 'gateway'), join(root, 'schema'), join(root, 'test')]
    .map((dir) => join(dir, 'package.json'))
    .filter((file) => existsSync(file))
    .map((file) => String((JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name ?? '').replace(/^@vg\//, ''));
  const supergraph = existsSync(join(root, 'schema', 'supergraph.graphql')) ? readFileSync(join(root, 'schema', 'supergraph.graphql'), 'utf8') : undefined;
  return { registered: registeredSubgraphs(readFileSync(join(root, 'schema', 'src', 'subgraphs.ts'), 'utf8')).map((s) => s.name), folders, packages, supergraph };
}

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Runs pnpm in the repository; true when it succeeded. */
function pnpm(args: string[]): boolean {
  say(`\n$ pnpm ${args.join(' ')}`);
  const result = spawnSync('pnpm', args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (result.error) process.stderr.write(`cannot run pnpm: ${result.error.message}\n`);
  return result.status === 0;
}

function main(argv: string[]): void {
  const args = argv.filter((arg) => arg !== '--');
  const name = args[0];
  const problem = args.length > 1 ? 'give exactly one name: pnpm new-subgraph NAME' : nameProblem(name, takenNames());
  if (problem) {
    process.stderr.write(`new-subgraph: ${problem}\n`);
    process.exit(EXIT_INVALID_NAME);
  }

  const values = templateValues(name);
  const files = renderSubgraph(values);
  const existing = [...files.keys()].filter((path) => existsSync(join(ROOT, path)));
  if (existing.length) {
    process.stderr.write(`new-subgraph: these files already exist: ${existing.join(', ')}\n`);
    process.exit(EXIT_INVALID_NAME);
  }
  const registry = readFileSync(REGISTRY, 'utf8');
  const port = nextPort(registeredSubgraphs(registry).map((s) => s.port));

  for (const [path, content] of files) {
    mkdirSync(dirname(join(ROOT, path)), { recursive: true });
    writeFileSync(join(ROOT, path), content);
  }
  writeFileSync(REGISTRY, addToRegistry(registry, name, port));
  say(`new-subgraph: wrote ${files.size} files for the ${name} subgraph:`);
  for (const path of files.keys()) say(`  ${path}`);
  say(`  schema/src/subgraphs.ts: added { name: '${name}', port: ${port} }`);

  const steps: [string, () => boolean][] = [
    ['link the new package', () => pnpm(['install', '--offline']) || (say('offline install failed: trying online'), pnpm(['install']))],
    ['compose the supergraph', () => pnpm(['compose'])],
    ['generate resolver types', () => pnpm(['codegen'])],
  ];
  for (const [what, run] of steps) {
    if (!run()) {
      process.stderr.write(`\nnew-subgraph: could not ${what}. The files above are written; fix the problem and run the rest of: pnpm install, pnpm compose, pnpm codegen.\n`);
      process.exit(1);
    }
  }

  say(`
new-subgraph: the ${name} subgraph is ready, on port ${port} (${values.NAME}_PORT, ${values.NAME}_DATABASE_URL, ${values.NAME}_URL).
  It composed into ${relative(ROOT, SUPERGRAPH)} and has its types in services/${name}/src/generated/graphql.ts.

Next steps:
  1. Write your schema in services/${name}/schema.graphql (replace the example ${values.Name}Note),
     with its entities, migrations and resolvers in services/${name}/src (see docs/service-shape.md).
  2. pnpm codegen && pnpm compose   (resolver types and the supergraph; both are committed)
  3. pnpm test                      (or: npx jest services/${name} test/src/${name}.e2e.test.ts)
  4. pnpm start                     (starts it with the others; the gateway serves its fields)
  Add a row for it to the table in README.md.`);
}

if (require.main === module) main(process.argv.slice(2));
