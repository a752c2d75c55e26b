/**
 * `pnpm bench`: the system's throughput and latency, measured — not asserted in tests.
 * Runs the system as `pnpm start` does — every subgraph and the gateway in its own process — on
 * a throw-away embedded PostgreSQL and loopback ports (4100+), with the demo data seeded
 * (2,000 volunteers, 3,000 activities, ...). Checks each operation answers without errors, then
 * drives it through the gateway with autocannon and prints a Markdown table.
 *
 * The bench is one account (and one address, one unnamed client) sending hundreds of requests a
 * second, so the gateway's rate limits are raised to BENCH_RATE_LIMIT per minute (10,000,000):
 * the rows measure the system, not the limiter. A 429 would still show as a non-2xx in `errors`.
 * Last, once the system has stopped, `validation.ts`: parse + validate + cost of hostile documents,
 * in process.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { freePort, startEmbeddedPostgres } from '@vg/db';
import { mintToken } from '@vg/graphql';
import { identity, type Role } from '@vg/standards';
import { createLogger } from '@vg/logger';
import { SUBGRAPHS } from '@vg/schema';
import { postGraphQL, type GraphQLResponse } from '../src/testkit';
import { feedCatchUp } from './feed-catch-up';
import { printValidationBench } from './validation';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
/** Per minute, for each of the gateway's per-account, per-address and per-client limits. */
const BENCH_RATE_LIMIT = String(10_000_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

interface Scenario {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  roles: Role[];
  volunteerId?: string;
  redemptionPointId?: string;
  /** The enterprise an ENTERPRISE token acts for. */
  enterpriseId?: string;
  /** Fresh variables for every request (e.g. a new idempotency key), instead of `variables` each time. */
  freshVariables?: () => Record<string, unknown>;
}

const ROOT = join(__dirname, '..', '..');
const BASE_PORT = 4100;
const GATEWAY_URL = `http://127.0.0.1:${BASE_PORT}/graphql`;
const JWT_SECRET = randomBytes(24).toString('base64url');

/** What the bench reads back from the gateway (its documents are strings: a script, not a test). */
interface ActivitiesCount {
  activities: { totalCount: number };
}
interface VolunteersPage {
  volunteers: { pageInfo: { endCursor: string | null }; edges: { node: { volunteerNo: string; name: string; idNumber: string; status: string } }[] };
}
interface EnrolResult {
  enrolVolunteers: { enrolledCount: number; alreadyEnrolledCount: number; rejectedCount: number; results: { status: string; enrolment: { id: string } | null }[] };
}

async function measure(scenario: Scenario) {
  const token = mintToken(
    { sub: 'bench', roles: scenario.roles, volunteerId: scenario.volunteerId, redemptionPointId: scenario.redemptionPointId, enterpriseId: scenario.enterpriseId },
    JWT_SECRET,
    identity,
  );
  const body = JSON.stringify({ query: scenario.query, variables: scenario.variables });
  const { freshVariables } = scenario;
  const check = await postGraphQL(GATEWAY_URL, scenario.query, freshVariables ? freshVariables() : scenario.variables, { authorization: `Bearer ${token}` });
  if (check.errors) throw new Error(`${scenario.name}: ${JSON.stringify(check.errors)}`);
  const result = await autocannon({
    url: GATEWAY_URL,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
    ...(freshVariables ? { requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ query: scenario.query, variables: freshVariables() }) }) }] } : {}),
  });
  return { name: scenario.name, rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function main(): Promise<void> {
  const logger = createLogger({ name: 'bench', level: 'warn' });
  const dir = mkdtempSync(join(tmpdir(), 'vg-bench-'));
  chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: await freePort(), logger, fast: true });
  const started = performance.now();
  const system = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'infra', 'dev', 'src', 'start.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: pg.url,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      SANDBOX: 'false',
      JWT_SECRET,
      INTERNAL_SECRET: randomBytes(24).toString('base64url'),
      PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      PII_HASH_KEY: randomBytes(24).toString('base64url'),
      GATEWAY_PORT: String(BASE_PORT),
      RATE_LIMIT_SIGNED_IN_PER_MINUTE: BENCH_RATE_LIMIT,
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: BENCH_RATE_LIMIT,
      RATE_LIMIT_CLIENT_PER_MINUTE: BENCH_RATE_LIMIT,
      ...Object.fromEntries(SUBGRAPHS.map(({ name }, i) => [`${name.toUpperCase()}_PORT`, String(BASE_PORT + 1 + i)])),
    },
  });
  let exited = false;
  system.once('exit', () => (exited = true));
  const waitFor = async (condition: () => Promise<boolean>, timeoutMs = 120_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (exited) throw new Error('the system exited while starting (its errors are above)');
      if (await condition().catch(() => false)) return;
      if (Date.now() > deadline) throw new Error('the system did not come up in time');
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  try {
    await waitFor(async () => (await fetch(`http://127.0.0.1:${BASE_PORT}/ready`)).ok);
    // The projects seed runs after its server is up: wait until its activities are in.
    const admin: Record<string, string> = { authorization: `Bearer ${mintToken({ sub: 'bench', roles: ['ADMIN'] }, JWT_SECRET, identity)}` };
    await waitFor(async () => ((await postGraphQL<ActivitiesCount>(GATEWAY_URL, '{ activities(first: 1) { totalCount } }', undefined, admin)).data?.activities.totalCount ?? 0) >= 3000);
    process.stdout.write(`started and seeded in ${((performance.now() - started) / 1000).toFixed(1)} s; ${CONNECTIONS} connections, ${DURATION_S} s per row\n\n`);

    const scenarios: Scenario[] = [
      {
        name: 'volunteers(first: 20) + region, parent, teams',
        query: '{ volunteers(first: 20) { totalCount edges { node { volunteerNo name region { name parent { name } } teams { name level } } } } }',
        roles: ['DATA_STAFF'],
      },
      { name: 'stationsNear (15-minute circle)', query: '{ stationsNear(lat: 36.81, lng: 118.05) { station { name kind } distanceMeters walkingMinutes } }', roles: [] },
      {
        name: 'volunteer + teams + hours + 10 records (2 subgraphs)',
        query: 'query($id: ID!) { volunteer(id: $id) { name teams { name } serviceHours serviceRecords(first: 10) { edges { node { hours activity { title station { name } } } } } } }',
        variables: { id: '3' },
        roles: ['VOLUNTEER'],
        volunteerId: '3',
      },
      {
        name: 'volunteer profile + points, stars, certificates, commendations (2 subgraphs)',
        query:
          'query($id: ID!) { volunteer(id: $id) { volunteerNo name region { name } recordedHours starLevel nextStar { level hoursToGo } points { balance earned spent } certifications { certificateNo level status } commendations { title year level awardingBody } } }',
        variables: { id: '3' },
        roles: ['VOLUNTEER'],
        volunteerId: '3',
      },
      {
        name: 'activities(first: 50) + station, region, project',
        query: '{ activities(first: 50) { edges { node { title startsAt station { name region { name } } project { name brand { name } } } } } }',
        roles: ['DATA_STAFF'],
      },
      await redemptionScenario(admin),
      ...(await partnershipScenarios(admin)),
    ];
    const rows = [];
    for (const scenario of scenarios) rows.push(await measure(scenario));
    process.stdout.write('| operation (through the gateway) | req/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|\n');
    for (const r of rows) process.stdout.write(`| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} |\n`);
    await insurerBatches(admin);
    const feed = await feedCatchUp(pg.url, 100_000);
    process.stdout.write(
      `\n| honours feed catch-up (a database of its own) | changes | s | changes/s |\n|---|---|---|---|\n| service-record changes credited | ${feed.changes} | ${feed.seconds.toFixed(1)} | ${feed.perSecond} |\n`,
    );
  } finally {
    if (!exited) {
      system.kill('SIGTERM');
      await new Promise((resolve) => system.once('exit', resolve));
    }
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  // In process, once the system has stopped: none of its processes compete for the cores.
  printValidationBench((text) => process.stdout.write(text));
}

interface RedemptionPointsPage {
  redemptionPoints: { edges: { node: { id: string; catalogue: { id: string; pointsCost: number; stock: number | null }[] } }[] };
}

/**
 * A redemption at a demo point's kiosk: its STATION_STAFF redeem an unlimited service for one of
 * 100 volunteers in turn (each given points first), every request with a fresh idempotency key.
 */
async function redemptionScenario(admin: Record<string, string>): Promise<Scenario> {
  const page = await postGraphQL<RedemptionPointsPage>(GATEWAY_URL, '{ redemptionPoints(first: 100) { edges { node { id catalogue { id pointsCost stock } } } } }', undefined, admin);
  if (!page.data) throw new Error(`redemptionPoints: ${JSON.stringify(page.errors)}`);
  const found = page.data.redemptionPoints.edges.flatMap(({ node }) => node.catalogue.filter((i) => i.stock === null).map((i) => ({ pointId: node.id, item: i })))[0];
  if (!found) throw new Error('no demo redemption point offers an unlimited service');
  const volunteers = Array.from({ length: 100 }, (_, i) => String(i + 1));
  for (const volunteerId of volunteers) {
    const given = await postGraphQL(GATEWAY_URL, 'mutation($id: ID!) { adjustPoints(volunteerId: $id, points: 100000, reason: "bench") { id } }', { id: volunteerId }, admin);
    if (given.errors) throw new Error(`adjustPoints: ${JSON.stringify(given.errors)}`);
  }
  let n = 0;
  return {
    name: 'redeem (station staff, fresh idempotency key each)',
    query: 'mutation($input: RedeemInput!) { redeem(input: $input) { id points status item { name stock } } }',
    roles: ['STATION_STAFF'],
    redemptionPointId: found.pointId,
    freshVariables: () => {
      n += 1;
      return {
        input: { redemptionPointId: found.pointId, itemId: found.item.id, quantity: 1, volunteerId: volunteers[n % volunteers.length], idempotencyKey: `bench-${randomBytes(6).toString('hex')}-${n}` },
      };
    },
  };
}

interface EnterprisesPage {
  enterprises: { edges: { node: { id: string } }[] };
}

/** China's date today (YYYY-MM-DD) shifted by `days`. */
const chinaDate = (days = 0) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/**
 * 益企联建: a seeded enterprise's order list as the enterprise itself (organisations from this
 * subgraph, volunteers and their hours from the volunteers and projects subgraphs), and the centre's
 * region dashboard, which asks every subgraph at once (region, orders and funds, activities, the
 * partnership report over the last year).
 */
async function partnershipScenarios(admin: Record<string, string>): Promise<Scenario[]> {
  const page = await postGraphQL<EnterprisesPage>(GATEWAY_URL, '{ enterprises(first: 1) { edges { node { id } } } }', undefined, admin);
  const enterpriseId = page.data?.enterprises.edges[0]?.node.id;
  if (!enterpriseId) throw new Error(`no demo enterprise: ${JSON.stringify(page.errors ?? page.data)}`);
  return [
    {
      name: "an enterprise's order list with organisations and volunteers (3 subgraphs)",
      query: '{ partnershipOrders(first: 20) { edges { node { title status enterprise { name } socialOrganization { name } services { hours volunteer { name serviceHours } } } } } }',
      roles: ['ENTERPRISE'],
      enterpriseId,
    },
    {
      name: 'a region dashboard across partnerships and projects (3 subgraphs)',
      query: `query($from: Date!, $to: Date!) {
        region(code: "370303") { name partnershipOrders(first: 10) { totalCount } communityFunds { balance } }
        activities(filter: { regionCode: "370303" }, first: 10) { totalCount }
        partnershipReport(from: $from, to: $to, regionCode: "370303") { ordersByStatus { key count } averageRating }
      }`,
      variables: { from: chinaDate(-365), to: chinaDate() },
      roles: ['DATA_STAFF'],
    },
  ];
}

/** Wall time of the insurer's 1,000-item enrolment batch, new and replayed (idempotent). */
async function insurerBatches(admin: Record<string, string>): Promise<void> {
  const people: { volunteerNo: string; idNumber: string; name: string }[] = [];
  let after: string | null = null;
  while (people.length < 1000) {
    const page: GraphQLResponse<VolunteersPage> = await postGraphQL<VolunteersPage>(
      GATEWAY_URL,
      'query($after: String) { volunteers(first: 100, after: $after) { pageInfo { endCursor } edges { node { volunteerNo name idNumber status } } } }',
      { after },
      admin,
    );
    if (!page.data) throw new Error(`volunteers: ${JSON.stringify(page.errors)}`);
    people.push(...page.data.volunteers.edges.map((e) => e.node).filter((v) => v.status === 'ACTIVE'));
    after = page.data.volunteers.pageInfo.endCursor;
  }
  const insurer = { authorization: `Bearer ${mintToken({ sub: 'chinalife-zibo', roles: ['INSURER'] }, JWT_SECRET, identity)}` };
  const ENROL = 'mutation($input: EnrolVolunteersInput!) { enrolVolunteers(input: $input) { enrolledCount alreadyEnrolledCount rejectedCount results { status enrolment { id } } } }';
  const batch = (k: number) => ({
    batchId: `bench-${k}`,
    planCode: 'ZBZYB-2024',
    items: people.slice(0, 1000).map(({ volunteerNo, idNumber, name }, i) => ({
      volunteerNo,
      idNumber,
      name,
      coverStart: `${2031 + k}-01-01`,
      coverEnd: `${2031 + k}-12-31`,
      policyNumber: `PB${2031 + k}${String(i).padStart(6, '0')}`,
    })),
  });
  const time = async (k: number) => {
    const input = batch(k);
    const started = performance.now();
    const { data, errors } = await postGraphQL<EnrolResult>(GATEWAY_URL, ENROL, { input }, insurer);
    const ms = performance.now() - started;
    if (errors || !data) throw new Error(`enrolVolunteers: ${JSON.stringify(errors)}`);
    return { ms, enrolled: data.enrolVolunteers.enrolledCount };
  };
  const fresh = [];
  for (let k = 0; k < 5; k += 1) fresh.push(await time(k));
  const replays = [];
  for (let k = 0; k < 5; k += 1) replays.push(await time(0));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  process.stdout.write('\n| insurer batch, 1,000 items (through the gateway) | runs | median ms | max ms | enrolled per run |\n|---|---|---|---|---|\n');
  process.stdout.write(`| new batch | 5 | ${Math.round(median(fresh.map((r) => r.ms)))} | ${Math.round(Math.max(...fresh.map((r) => r.ms)))} | ${fresh.map((r) => r.enrolled).join(', ')} |\n`);
  process.stdout.write(
    `| same batch again (idempotent replay) | 5 | ${Math.round(median(replays.map((r) => r.ms)))} | ${Math.round(Math.max(...replays.map((r) => r.ms)))} | ${replays.map((r) => r.enrolled).join(', ')} |\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
