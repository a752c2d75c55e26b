/**
 * What the gateway spends on a document before any subgraph is called — its precheck (bytes,
 * same-named fields, spreads), parse (with its token limit), validate (graphql-js's specifiedRules and the gateway's documentRules, at their defaults)
 * and, for a valid document, its query cost — for documents built to grow each check's work:
 * doubling fragments, aliases, directives, sheer size, operations, and graphql-js's
 * OverlappingFieldsCanBeMerged (quadratic in same-named fields). In process, against the
 * supergraph's schema (as gateway/src/queryCost.test.ts builds it), no server: a bench, not a test.
 *
 * `pnpm exec tsx test/bench/validation.ts` alone, or as the last table of `pnpm bench`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, GraphQLError, Kind, Lexer, parse, Source, specifiedRules, TokenKind, validate, type DocumentNode } from 'graphql';
import { DEFAULT_DOCUMENT_LIMITS, documentPrecheck, documentRules, operationCost } from '@vg/gateway';

const RUNS = Number(process.env.BENCH_VALIDATION_RUNS ?? 25);
/** Above this a case is itself a denial of service: a limit must change. */
const TOO_SLOW_MS = 50;

const schema = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8'), { assumeValidSDL: true });
// As startGateway.ts: its defaults for depth and fields, DEFAULT_DOCUMENT_LIMITS for the rest.
const rules = [...specifiedRules, ...documentRules({ maxDepth: 12, maxFields: 1000 }, DEFAULT_DOCUMENT_LIMITS)];

interface Case {
  group: string;
  name: string;
  query: string;
}

interface Timed extends Case {
  bytes: number;
  tokens: number;
  medianMs: number;
  maxMs: number;
  /** Why it is refused (the first error), or undefined when it would be planned and run. */
  refused?: string;
}

const times = (n: number, part: (i: number) => string, separator = ' ') => Array.from({ length: n }, (_, i) => part(i)).join(separator);
const REGION = 'region(code: "370300")';

/** Fragments F0 … Fn-1, each spreading the next twice (2^n paths, n fragments). */
const doublingFragments = (n: number) =>
  `{ ${REGION} { ...F0 } } ${times(n, (i) => `fragment F${i} on Region { a: parent { ...F${i + 1} } b: parent { ...F${i + 1} } }`)} fragment F${n} on Region { code }`;
/**
 * A flat selection of distinctly aliased fields (`f0: name`, 3 tokens each) filling about `tokens`
 * tokens: every rule walks all of it (one name repeated would be refused by the precheck at once).
 */
const flat = (tokens: number) => `{ ${REGION} { ${times(Math.floor((tokens - 10) / 3), (i) => `f${i}: name`)} } }`;
/** serveHttp's default body limit, which the gateway keeps. */
const BODY_LIMIT = 4 * 1024 * 1024;
/** `build(k)` for the largest k whose request body (`{"query": …}` as JSON) stays within BODY_LIMIT. */
function fillBody(build: (k: number) => string): string {
  const bodySize = (k: number) => Buffer.byteLength(JSON.stringify({ query: build(k) }));
  let [fits, tooBig] = [1, 2];
  while (bodySize(tooBig) <= BODY_LIMIT) [fits, tooBig] = [tooBig, tooBig * 2];
  while (tooBig - fits > 1) {
    const k = Math.floor((fits + tooBig) / 2);
    if (bodySize(k) <= BODY_LIMIT) fits = k;
    else tooBig = k;
  }
  return build(fits);
}

/**
 * The shapes tried for OverlappingFieldsCanBeMerged, each as large as 5,000 tokens allow: it
 * compares every pair of fields sharing a response name (graphql-js 16.15 stops after a budget of
 * 500,000 steps: "Validation aborted"). The slowest per step are pairs with arguments and
 * sub-selections to compare, and long argument values (compared as strings).
 */
const overlapShapes: Case[] = [
  { group: 'f', name: '4,990 × the same field (flat)', query: flat(5000) },
  { group: 'f', name: '300 × region(code: "370300") { name } (valid: within every limit)', query: `{ ${times(300, () => `${REGION} { name }`)} }` },
  { group: 'f', name: '555 × region(code: "370300") { name }', query: `{ ${times(555, () => `${REGION} { name }`)} }` },
  {
    group: 'f',
    name: '555 × region(code: "<7.5 KB string>") { name } (4 MB body)',
    query: fillBody((k) => `{ ${times(555, () => `region(code: "${'x'.repeat(k)}") { name }`)} }`),
  },
  { group: 'f', name: '70 × parent { 67 × name } (nested)', query: `{ ${REGION} { ${times(70, () => `parent { ${times(67, () => 'name')} }`)} } }` },
  { group: 'f', name: '30 × parent { 30 × parent { name name } }', query: `{ ${REGION} { ${times(30, () => `parent { ${times(30, () => 'parent { name name }')} }`)} } }` },
  // Fragment pairs are compared once each (graphql-js caches them), but there are n² / 2 of them.
  {
    group: 'f',
    name: '300 fragments of 5 × name, all spread in one set',
    query: `{ ${REGION} { ${times(300, (i) => `...G${i}`)} } } ${times(300, (i) => `fragment G${i} on Region { name name name name name }`)}`,
  },
  { group: 'f', name: '1,000 × inline fragment { name }', query: `{ ${REGION} { ${times(1000, () => '... { name }')} } }` },
  { group: 'f', name: '550 × region, differing arguments (conflicts)', query: `{ ${times(550, (i) => `region(code: "${i}") { name }`)} }` },
];

export const VALIDATION_CASES: Case[] = [
  ...[5, 10, 20, 40, 80].map((n) => ({ group: 'a', name: `${n} fragments, each spreading the next twice`, query: doublingFragments(n) })),
  ...[10, 50, 200, 1000].map((n) => ({ group: 'b', name: `${n} aliases`, query: `{ ${REGION} { ${times(n, (i) => `a${i}: name`)} } }` })),
  ...[10, 50, 200, 1000].map((n) => ({ group: 'c', name: `${n} × @include(if: true) on one field`, query: `{ ${REGION} { name ${times(n, () => '@include(if: true)')} } }` })),
  { group: 'c', name: '1,000 × @d (unknown, 2 tokens each) on one field', query: `{ ${REGION} { name ${times(1000, () => '@d')} } }` },
  ...[100, 500, 1000, 2000, 4000, 5000, 5010].map((n) => ({ group: 'd', name: `a flat selection of aliased fields, ≈ ${n.toLocaleString('en')} tokens`, query: flat(n) })),
  // Tokens do not bound bytes: comments are no tokens and a string of any length is one.
  { group: 'd', name: '4 MB body of comments around one field', query: fillBody((k) => `${times(k, () => `#${'x'.repeat(62)}`, '\n')}\n{ __typename }`) },
  // Its dedent (graphql-js's dedentBlockStringLines) works line by line: the most lines per byte.
  { group: 'd', name: '4 MB body: one block string of short indented lines (one token)', query: fillBody((k) => `{ region(code: """${'  x\n'.repeat(k)}""") { name } }`) },
  ...[10, 50, 51, 999].map((n) => ({ group: 'e', name: `${n} operations`, query: times(n, (i) => `query Q${i} { __typename }`) })),
  ...overlapShapes,
];

/** Lexical tokens as the parser counts them for maxTokens (comments are not tokens). */
function tokenCount(query: string): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    // A lexing error: the count so far.
  }
  return count;
}

/** Precheck + parse + validate + cost, as the gateway's request pipeline runs them; the first error if refused. */
function check(query: string): string | undefined {
  const refusal = documentPrecheck(query, DEFAULT_DOCUMENT_LIMITS);
  if (refusal) return refusal.message;
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: DEFAULT_DOCUMENT_LIMITS.maxTokens });
  } catch (error) {
    return (error as GraphQLError).message;
  }
  const errors = validate(schema, document, rules);
  if (errors.length > 0) return `${errors[0].message}${errors.length > 1 ? ` (+${errors.length - 1})` : ''}`;
  // Apollo needs an operationName for several operations; the gateway costs that one.
  const first = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  operationCost(schema, document, first?.name?.value, {});
  return undefined;
}

function time(testCase: Case): Timed {
  const ms: number[] = [];
  let refused: string | undefined;
  for (let run = -3; run < RUNS; run += 1) {
    const started = performance.now();
    refused = check(testCase.query);
    if (run >= 0) ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { ...testCase, bytes: Buffer.byteLength(testCase.query), tokens: tokenCount(testCase.query), medianMs: ms[Math.floor(ms.length / 2)], maxMs: ms[ms.length - 1], refused };
}

const shorten = (text: string, max = 70) => (text.length > max ? `${text.slice(0, max - 1)}…` : text).replace(/\|/g, '\\|');
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

/** Runs every case and answers the Markdown table, the µs-per-token spread and any case over TOO_SLOW_MS. */
export function validationBench(): { table: string; slow: Timed[]; rows: Timed[] } {
  const rows = VALIDATION_CASES.map(time);
  const lines = [
    `| document (precheck + parse + validate + cost, in process, ${RUNS} runs) | bytes | tokens | median ms | max ms | µs / token | µs / KB | refused |`,
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| (${r.group}) ${r.name} | ${r.bytes} | ${r.tokens} | ${fmt(r.medianMs)} | ${fmt(r.maxMs)} | ${((r.medianMs * 1000) / Math.max(1, r.tokens)).toFixed(1)} | ${((r.medianMs * 1000 * 1024) / r.bytes).toFixed(1)} | ${r.refused ? shorten(r.refused) : 'no'} |`,
    ),
  ];
  return { table: `${lines.join('\n')}\n`, slow: rows.filter((r) => r.medianMs > TOO_SLOW_MS), rows };
}

export function printValidationBench(write: (text: string) => void): void {
  const { table, slow } = validationBench();
  write(`\n${table}`);
  for (const r of slow) write(`\nTOO SLOW (median over ${TOO_SLOW_MS} ms, a limit must change): (${r.group}) ${r.name}: ${fmt(r.medianMs)} ms\n`);
}

if (require.main === module) printValidationBench((text) => process.stdout.write(text));
