import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { OperationMetrics } from './metrics';
import type { HttpRoutes } from './serveHttp';

/**
 * Plugins every server of this system runs with: nothing reported to Apollo (usage, schema,
 * inline traces), no cache-control hints (unused here; their per-field hook costs CPU).
 */
export function quietPlugins<T extends BaseContext>(): ApolloServerPlugin<T>[] {
  return [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled()];
}

/**
 * /health (the process answers), /ready (`ready` says so) and /metrics (Prometheus text: the
 * operation metrics, then whatever `extraMetrics` adds, e.g. a background consumer's lag).
 */
export function operationalRoutes(service: string, metrics: OperationMetrics, ready: () => Promise<{ ready: boolean; [detail: string]: unknown }>, extraMetrics?: () => string): HttpRoutes {
  return {
    '/metrics': () => ({ status: 200, body: metrics.render() + (extraMetrics?.() ?? ''), contentType: 'text/plain; version=0.0.4' }),
    '/health': () => ({ status: 200, body: { status: 'ok', service } }),
    '/ready': async () => {
      const body = await ready().catch(() => ({ ready: false }));
      return { status: body.ready ? 200 : 503, body };
    },
  };
}
