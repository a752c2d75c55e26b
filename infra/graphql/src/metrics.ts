import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

const BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

interface Histogram {
  buckets: number[];
  sum: number;
  count: number;
}

/**
 * Operation metrics in the Prometheus text format: operations by name and outcome, and a latency
 * histogram per operation name. Names come from clients, so their number is capped (the rest are
 * counted as "other") to keep the series bounded.
 */
export class OperationMetrics {
  private readonly operations = new Map<string, number>();
  private readonly latency = new Map<string, Histogram>();
  private readonly startedAt = Date.now();

  constructor(
    private readonly service: string,
    private readonly maxOperationNames = 200,
  ) {}

  record(operationName: string | null | undefined, outcome: 'ok' | 'error', ms: number): void {
    const name = this.nameFor(operationName ?? 'anonymous');
    const key = `${name}\u0000${outcome}`;
    this.operations.set(key, (this.operations.get(key) ?? 0) + 1);
    let histogram = this.latency.get(name);
    if (!histogram) this.latency.set(name, (histogram = { buckets: BUCKETS_MS.map(() => 0), sum: 0, count: 0 }));
    BUCKETS_MS.forEach((bound, i) => {
      if (ms <= bound) histogram.buckets[i] += 1;
    });
    histogram.sum += ms;
    histogram.count += 1;
  }

  private nameFor(name: string): string {
    const known = this.latency.has(name) || this.latency.size < this.maxOperationNames;
    return known ? name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 100) : 'other';
  }

  /** The Prometheus exposition text. */
  render(): string {
    const s = `service="${this.service}"`;
    const lines = [
      '# HELP vg_uptime_seconds Seconds since the process started.',
      '# TYPE vg_uptime_seconds gauge',
      `vg_uptime_seconds{${s}} ${Math.round((Date.now() - this.startedAt) / 1000)}`,
      '# HELP vg_graphql_operations_total GraphQL operations by name and outcome.',
      '# TYPE vg_graphql_operations_total counter',
    ];
    for (const [key, count] of this.operations) {
      const [name, outcome] = key.split('\u0000');
      lines.push(`vg_graphql_operations_total{${s},operation="${name}",outcome="${outcome}"} ${count}`);
    }
    lines.push('# HELP vg_graphql_duration_ms GraphQL operation latency in milliseconds.', '# TYPE vg_graphql_duration_ms histogram');
    for (const [name, h] of this.latency) {
      BUCKETS_MS.forEach((bound, i) => lines.push(`vg_graphql_duration_ms_bucket{${s},operation="${name}",le="${bound}"} ${h.buckets[i]}`));
      lines.push(`vg_graphql_duration_ms_bucket{${s},operation="${name}",le="+Inf"} ${h.count}`);
      lines.push(`vg_graphql_duration_ms_sum{${s},operation="${name}"} ${Math.round(h.sum)}`, `vg_graphql_duration_ms_count{${s},operation="${name}"} ${h.count}`);
    }
    lines.push('# HELP process_resident_memory_bytes Resident memory size in bytes.', '# TYPE process_resident_memory_bytes gauge', `process_resident_memory_bytes{${s}} ${process.memoryUsage().rss}`);
    return `${lines.join('\n')}\n`;
  }

  /** Records every operation the server answers. */
  plugin<T extends BaseContext>(): ApolloServerPlugin<T> {
    return {
      requestDidStart: async () => {
        const started = performance.now();
        return {
          willSendResponse: async ({ operationName, response }) => {
            const errors = response.body.kind === 'single' && response.body.singleResult.errors?.length;
            this.record(operationName, errors ? 'error' : 'ok', performance.now() - started);
          },
        };
      },
    };
  }
}
