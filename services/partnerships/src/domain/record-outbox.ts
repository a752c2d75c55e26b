import { pollingLoop, type ServiceDeps, type ServiceWorker } from '@vg/service';
import { recordPartnerService, type PartnerServiceRequest, type ProjectsSource } from '../data/projects.client';
import type { Repositories } from '../data/repositories';
import { repositoriesFor } from '../data/repositories';

/** The source name the projects subgraph keeps on these records (with the order id as reference). */
export const RECORD_SOURCE = 'partnerships';
/** Orders per poll: one projects call each, so a poll's work is bounded whatever the backlog. */
export const OUTBOX_BATCH = 20;
const IDLE_MS = 1000;
/** After a failure an order waits 2 s, 4 s … up to 5 minutes (in this process) before its next try. */
const BACKOFF_BASE_MS = 2000;
const BACKOFF_MAX_MS = 5 * 60 * 1000;

/** The national record fields of a delivered order's records (projects' column sizes). */
export function recordFields(
  order: { id: string; title: string; place: string; deliveredOn: string | null },
  names: { enterprise: string; organization: string },
  content: string | null,
): Omit<PartnerServiceRequest, 'services'> {
  return {
    source: RECORD_SOURCE,
    reference: order.id,
    serviceDate: order.deliveredOn!,
    place: `${order.place}（${names.enterprise}）`.slice(0, 300),
    servedParty: names.enterprise.slice(0, 100),
    content: content ?? order.title,
    personInCharge: names.organization.slice(0, 50),
  };
}

/**
 * Writes the service records of one delivered order's pending services in the projects subgraph
 * (one call) and stores the record ids. A crash between the call and the store is safe: the rows
 * stay pending, the next try calls again, and projects returns the records it already wrote for
 * (partnerships, order, volunteer). A failure counts an attempt and keeps the error on the rows,
 * then rethrows. Returns how many services it stored (0 when none was pending).
 */
export async function writeOrderRecords(repos: Repositories, projects: ProjectsSource, orderId: string, requestId?: string): Promise<number> {
  const pending = await repos.deliveries.pendingOf(orderId);
  if (!pending.length) return 0;
  try {
    const [[order], history] = await Promise.all([repos.orders.byIds([orderId]), repos.orders.eventsOf([orderId])]);
    const [[enterprise], [organization]] = await Promise.all([repos.organizations.enterprisesByIds([order.enterpriseId]), repos.organizations.socialOrganizationsByIds([order.socialOrganizationId!])]);
    // The delivery's content is the DELIVER step's note.
    const content = [...history].reverse().find((e) => e.action === 'DELIVER')?.note ?? null;
    const records = await recordPartnerService(
      projects,
      { ...recordFields(order, { enterprise: enterprise.name, organization: organization.name }, content), services: pending.map((s) => ({ volunteerId: s.volunteerId, hours: s.hours })) },
      requestId,
    );
    return await repos.deliveries.markRecorded(
      orderId,
      records.map((r) => ({ volunteerId: r.volunteerId, serviceRecordId: r.id })),
    );
  } catch (error) {
    await repos.deliveries.markFailed(orderId, (error as Error).message ?? String(error));
    throw error;
  }
}

export interface RecordOutbox extends ServiceWorker {
  /** Writes every pending order's records now (each tried once, backoff ignored); how many services it stored. */
  drain(): Promise<number>;
}

/**
 * The record outbox: polls the services whose record is not written yet (oldest first, a bounded
 * batch of orders per poll) and writes them through the projects subgraph's recordPartnerService,
 * retrying failures with backoff. Exactly once per (order, volunteer) comes from projects'
 * idempotency, not from this loop: two processes, or a retry after a crash, are safe.
 */
export function createRecordOutbox(deps: ServiceDeps<unknown>): RecordOutbox {
  const { dataSource, logger } = deps;
  const projects = deps.clients.projects;
  const repos = repositoriesFor(dataSource.manager);
  /** Orders backing off after a failure: when they may be tried again, and how many failures in a row. */
  const backoff = new Map<string, { until: number; failures: number }>();
  const gauges = { pending: 0, failing: 0, oldestSeconds: 0, written: 0, failures: 0 };
  let stopping = false;

  async function tryOrder(orderId: string): Promise<number> {
    try {
      const stored = await writeOrderRecords(repos, projects, orderId);
      backoff.delete(orderId);
      gauges.written += stored;
      return stored;
    } catch (error) {
      const failures = (backoff.get(orderId)?.failures ?? 0) + 1;
      backoff.set(orderId, { until: Date.now() + Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failures - 1)), failures });
      gauges.failures += 1;
      logger.warn({ err: error, orderId, failures }, 'record outbox: writing service records failed, retrying later');
      return 0;
    }
  }

  /** One poll: a batch of orders not backing off. Whether a full batch was found (more may wait). */
  async function poll(): Promise<boolean> {
    const now = Date.now();
    const waiting = [...backoff].filter(([, b]) => b.until > now).map(([orderId]) => orderId);
    const orders = await repos.deliveries.pendingOrders(OUTBOX_BATCH, waiting);
    for (const orderId of orders) {
      if (stopping) break;
      await tryOrder(orderId);
    }
    Object.assign(gauges, await repos.deliveries.backlog());
    return orders.length === OUTBOX_BATCH;
  }

  async function drain(): Promise<number> {
    let stored = 0;
    const tried = new Set<string>();
    for (;;) {
      const orders = (await repos.deliveries.pendingOrders(OUTBOX_BATCH, [...tried])).filter((o) => !tried.has(o));
      if (!orders.length || stopping) break;
      for (const orderId of orders) {
        tried.add(orderId);
        stored += await tryOrder(orderId);
      }
    }
    Object.assign(gauges, await repos.deliveries.backlog());
    return stored;
  }

  const loop = pollingLoop({ name: 'record outbox', logger, idleMs: IDLE_MS, tick: async () => ((await poll()) ? 'more' : 'idle') });

  return {
    start() {
      stopping = false;
      loop.start();
    },
    async stop() {
      stopping = true;
      await loop.stop();
    },
    drain,
    metrics: () =>
      [
        '# HELP vg_partnership_records_pending Delivered services whose service record is not written in the projects subgraph yet.',
        '# TYPE vg_partnership_records_pending gauge',
        `vg_partnership_records_pending ${gauges.pending}`,
        '# HELP vg_partnership_records_failing Pending delivered services whose writing failed at least once.',
        '# TYPE vg_partnership_records_failing gauge',
        `vg_partnership_records_failing ${gauges.failing}`,
        '# HELP vg_partnership_records_oldest_seconds Age of the oldest pending delivered service (0 when none).',
        '# TYPE vg_partnership_records_oldest_seconds gauge',
        `vg_partnership_records_oldest_seconds ${gauges.oldestSeconds.toFixed(3)}`,
        '# HELP vg_partnership_records_written_total Service records stored by this process.',
        '# TYPE vg_partnership_records_written_total counter',
        `vg_partnership_records_written_total ${gauges.written}`,
        "# HELP vg_partnership_record_failures_total Failed attempts to write an order's service records, in this process.",
        '# TYPE vg_partnership_record_failures_total counter',
        `vg_partnership_record_failures_total ${gauges.failures}`,
        '',
      ].join('\n'),
  };
}
