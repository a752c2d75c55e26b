import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, Kind, parse } from 'graphql';
import { anonymousViewer, type Viewer } from '@vg/standards';
import { ASSUMED_LIST_SIZE, costLimitFor, DEFAULT_COST_LIMITS, operationCost } from './queryCost';

const supergraph = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8'), { assumeValidSDL: true });
const costOf = (query: string, variables?: Record<string, unknown>) => operationCost(supergraph, parse(query), undefined, variables);

describe('query cost', () => {
  it('counts one per field, multiplying a connection by its first', () => {
    expect(costOf('{ region(code: "370300") { name code } }')).toBe(3);
    // volunteers(first: 10): 1 + 10 × (edges 1 + node 1 + name 1)
    expect(costOf('{ volunteers(first: 10) { edges { node { name } } } }')).toBe(1 + 10 * 3);
    expect(costOf('query($n: Int) { volunteers(first: $n) { edges { node { name } } } }', { n: 100 })).toBe(1 + 100 * 3);
  });

  it('multiplies sizes down the tree and counts every alias', () => {
    const nested = '{ volunteers(first: 10) { edges { node { serviceRecords(first: 10) { edges { node { hours } } } } } } }';
    expect(costOf(nested)).toBe(1 + 10 * (2 + (1 + 10 * 3)));
    const aliased = `{ ${Array.from({ length: 30 }, (_, i) => `v${i}: volunteers(first: 100) { edges { node { name } } }`).join(' ')} }`;
    expect(costOf(aliased)).toBe(30 * (1 + 100 * 3));
  });

  it('takes a connection argument default, and a plain list as ASSUMED_LIST_SIZE items', () => {
    expect(costOf('{ volunteers { edges { node { name } } } }')).toBe(1 + 20 * 3);
    expect(costOf('{ region(code: "370300") { children { name } } }')).toBe(1 + 1 + ASSUMED_LIST_SIZE * 1);
  });

  it('costs introspection and __typename nothing (introspection has its own limits)', () => {
    expect(costOf('{ __typename __schema { types { name fields { name } } } }')).toBe(0);
  });

  it('skips what @skip and @include leave out', () => {
    expect(costOf('query($no: Boolean!) { region(code: "1") { name code @include(if: $no) parent @skip(if: true) { name } } }', { no: false })).toBe(2);
  });

  it('costs each fragment once, so doubling fragments cost linear time and their real size', () => {
    const doubling = (n: number) =>
      `{ region(code: "370300") { ...F0 } } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Region { a: parent { ...F${i + 1} } b: parent { ...F${i + 1} } }`).join(' ')} fragment F${n} on Region { code }`;
    const started = process.hrtime.bigint();
    const cost = costOf(doubling(40));
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(200);
    expect(cost).toBeGreaterThan(2 ** 40); // the real expansion, computed without enumerating it
    // Spread twice in one selection set, a fragment is executed (and costed) once.
    expect(costOf(`{ region(code: "1") { ...A ...A } } fragment A on Region { name }`)).toBe(2);
  });

  it('limits by caller: anonymous lowest, the highest of a viewer’s roles', () => {
    const viewer = (roles: string[]): Viewer => ({ ...anonymousViewer, sub: 'u', roles: roles as Viewer['roles'] });
    expect(costLimitFor(anonymousViewer, DEFAULT_COST_LIMITS)).toBe(DEFAULT_COST_LIMITS.anonymous);
    expect(costLimitFor(viewer(['VOLUNTEER']), DEFAULT_COST_LIMITS)).toBe(DEFAULT_COST_LIMITS.signedIn);
    expect(costLimitFor(viewer(['VOLUNTEER', 'DATA_STAFF']), DEFAULT_COST_LIMITS)).toBe(DEFAULT_COST_LIMITS.byRole.DATA_STAFF);
  });

  /** Every operation the front ends' tests and the benchmark send, with every page at its largest (100). */
  it('lets every committed operation through the signed-in limit, pages at their largest', () => {
    const dir = join(__dirname, '..', '..', 'test', 'src', 'operations');
    const costs: [string, number][] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql'))) {
      const document = parse(readFileSync(join(dir, file), 'utf8'));
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) continue;
        const variables = Object.fromEntries((definition.variableDefinitions ?? []).map((v) => [v.variable.name.value, v.variable.name.value === 'first' ? 100 : undefined]));
        costs.push([definition.name.value, operationCost(supergraph, document, definition.name.value, variables)]);
      }
    }
    expect(costs.length).toBeGreaterThan(100);
    expect(costs.filter(([, cost]) => cost > DEFAULT_COST_LIMITS.signedIn)).toEqual([]);
  });
});
