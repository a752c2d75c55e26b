import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DefinitionNode } from 'graphql';
import ts from 'typescript';
import { addToRegistry, nameProblem, nextPort, registeredSubgraphs, renderSubgraph, renderTemplate, ROOT, takenNames, templateValues, type TakenNames } from './new-subgraph';

const REGISTRY_SOURCE = readFileSync(join(ROOT, 'schema', 'src', 'subgraphs.ts'), 'utf8');
const NOTHING_TAKEN: TakenNames = { registered: [], folders: [], packages: [] };

describe('nameProblem', () => {
  it('accepts a new name of lower-case letters', () => {
    expect(nameProblem('demo', NOTHING_TAKEN)).toBeNull();
    expect(nameProblem('examplesubgraph', takenNames())).toBeNull();
  });

  it('refuses missing, invalid, too short and too long names, saying what a name must be', () => {
    expect(nameProblem(undefined, NOTHING_TAKEN)).toMatch(/pnpm new-subgraph NAME/);
    for (const name of ['Demo', 'demo-notes', 'demo_notes', 'd3mo', 'démo', ' demo', '']) expect(nameProblem(name, NOTHING_TAKEN)).toMatch(/lower-case letters|give the new subgraph a name/);
    expect(nameProblem('a', NOTHING_TAKEN)).toMatch(/2 to 24 letters/);
    expect(nameProblem('a'.repeat(25), NOTHING_TAKEN)).toMatch(/2 to 24 letters/);
  });

  it('refuses the names of existing subgraphs, service folders and workspace packages (read from the repository)', () => {
    const taken = takenNames();
    expect(taken.registered).toEqual(expect.arrayContaining(['volunteers', 'projects', 'insurance']));
    expect(nameProblem('volunteers', taken)).toMatch(/already a subgraph/);
    expect(nameProblem('lost', { ...NOTHING_TAKEN, folders: ['lost'] })).toMatch(/services\/lost already exists/);
    expect(nameProblem('config', taken)).toMatch(/already a workspace package \(@vg\/config\)/);
  });

  it('refuses reserved words: folders, environment-variable prefixes, GraphQL root types, JavaScript keywords', () => {
    for (const name of ['gateway', 'schema', 'test', 'database', 'query', 'class', 'new']) expect(nameProblem(name, NOTHING_TAKEN)).toMatch(/reserved/);
  });

  it('refuses a name whose example types or fields the supergraph already has', () => {
    const supergraph = 'type Query {\n  fooNotes(first: Int): FooNoteConnection!\n}\n\ntype BarNote\n  @join__type(graph: X)\n{\n  id: ID!\n}\n';
    expect(nameProblem('foo', { ...NOTHING_TAKEN, supergraph })).toMatch(/clash in the supergraph with fooNotes/);
    expect(nameProblem('bar', { ...NOTHING_TAKEN, supergraph })).toMatch(/clash in the supergraph with BarNote/);
    expect(nameProblem('baz', { ...NOTHING_TAKEN, supergraph })).toBeNull();
  });
});

describe('the registry', () => {
  it('reads the subgraphs and their ports from the source text', () => {
    const entries = registeredSubgraphs(REGISTRY_SOURCE);
    expect(entries.map((e) => e.name)).toEqual(expect.arrayContaining(['volunteers', 'projects', 'insurance']));
    expect(entries.every((e) => Number.isInteger(e.port) && e.port > 4000)).toBe(true);
  });

  it('takes the port after the highest, skipping ports fetch refuses', () => {
    expect(nextPort([4001, 4003, 4002])).toBe(4004);
    expect(nextPort([])).toBe(4001);
    expect(nextPort([4001, 5999])).toBe(6001);
    expect(nextPort([6664])).toBe(6670);
  });

  it('adds one line as the last entry, indented like the others, and changes nothing else', () => {
    const before = registeredSubgraphs(REGISTRY_SOURCE);
    const port = nextPort(before.map((e) => e.port));
    const after = addToRegistry(REGISTRY_SOURCE, 'examplesubgraph', port);
    expect(registeredSubgraphs(after)).toEqual([...before, { name: 'examplesubgraph', port }]);
    const line = `  { name: 'examplesubgraph', port: ${port} },\n`;
    expect(after).toContain(`${line}] as const`);
    expect(after.replace(line, '')).toBe(REGISTRY_SOURCE);
    expect(() => addToRegistry(after, 'examplesubgraph', port + 1)).toThrow(/already in the subgraph registry/);
  });

  it('copes with a last entry without a comma and with other indentation', () => {
    const source = "export const SUBGRAPHS = [\n    { name: 'a', port: 4001 }\n] as const satisfies readonly X[];\nexport const OTHER = [1] as const;\n";
    expect(addToRegistry(source, 'demo', 4002)).toBe(
      "export const SUBGRAPHS = [\n    { name: 'a', port: 4001 },\n    { name: 'demo', port: 4002 },\n] as const satisfies readonly X[];\nexport const OTHER = [1] as const;\n",
    );
    expect(() => addToRegistry('export const OTHER = [] as const;', 'demo', 4001)).toThrow(/cannot find/);
  });
});

describe('the templates', () => {
  const values = templateValues('demo', 1764800000000);
  const files = renderSubgraph(values);

  it('spell the name three ways and the migration timestamp', () => {
    expect(renderTemplate('@vg/__name__ __Name__Note __NAME___PORT Create__Name____TIMESTAMP__', values)).toBe('@vg/demo DemoNote DEMO_PORT CreateDemo1764800000000');
  });

  it('make the whole shape of docs/service-shape.md, and the end-to-end test', () => {
    expect([...files.keys()].sort()).toEqual(
      [
        'services/demo/package.json',
        'services/demo/schema.graphql',
        'services/demo/codegen.json',
        'services/demo/src/main.ts',
        'services/demo/src/service.ts',
        'services/demo/src/context.ts',
        'services/demo/src/index.ts',
        'services/demo/src/resolvers/Query.ts',
        'services/demo/src/resolvers/Mutation.ts',
        'services/demo/src/resolvers/DemoNote.ts',
        'services/demo/src/resolvers/index.ts',
        'services/demo/src/domain/demo-actions.ts',
        'services/demo/src/domain/demo-actions.test.ts',
        'services/demo/src/domain/demo-queries.ts',
        'services/demo/src/domain/demo-queries.test.ts',
        'services/demo/src/data/demo-note.entity.ts',
        'services/demo/src/data/demo-note.repository.ts',
        'services/demo/src/data/demo-note.repository.test.ts',
        'services/demo/src/data/loaders.ts',
        'services/demo/src/data/repositories.ts',
        'services/demo/src/data/entities.ts',
        'services/demo/src/migrations/1764800000000-CreateDemo.ts',
        'services/demo/src/seed/index.ts',
        'test/src/demo.e2e.test.ts',
        'test/src/operations/demo.graphql',
      ].sort(),
    );
  });

  it('leave no placeholder behind, and every TypeScript file parses', () => {
    for (const [path, text] of files) {
      expect(`${path}: ${/__(name|Name|NAME|TIMESTAMP)__/.test(text)}`).toBe(`${path}: false`);
      if (path.endsWith('.ts')) {
        const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
        const diagnostics = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
        expect(`${path}: ${diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ')}`).toBe(`${path}: `);
      }
      if (path.endsWith('.json')) expect(() => JSON.parse(text)).not.toThrow();
    }
    expect(JSON.parse(files.get('services/demo/package.json')!).name).toBe('@vg/demo');
  });

  it('give a federation 2 schema whose types and fields all have descriptions, prefixed from the name', () => {
    const sdl = files.get('services/demo/schema.graphql')!;
    expect(sdl).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/);
    expect(sdl).toContain('type DemoNote @key(fields: "id")');
    const undescribed: string[] = [];
    for (const definition of parse(sdl).definitions as (DefinitionNode & { name?: { value: string }; description?: unknown; fields?: { name: { value: string }; description?: unknown }[] })[]) {
      if (!definition.name) continue;
      const root = ['Query', 'Mutation'].includes(definition.name.value);
      if (!root && !definition.description) undescribed.push(definition.name.value);
      for (const field of definition.fields ?? []) if (!field.description) undescribed.push(`${definition.name.value}.${field.name.value}`);
      if (!root && definition.kind === 'ObjectTypeDefinition' && definition.name.value !== 'PageInfo') expect(definition.name.value.startsWith('Demo')).toBe(true);
    }
    expect(undescribed).toEqual([]);
  });
});
