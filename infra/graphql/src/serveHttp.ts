import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Logger } from '@vg/logger';
import { REQUEST_ID_HEADER } from './viewerHeader';

/**
 * Extra GET routes (e.g. /health, /ready): each answers a status and a body — JSON, or text as
 * given when `contentType` is set (e.g. /metrics).
 */
export type HttpRoutes = Record<string, () => Promise<RouteAnswer> | RouteAnswer>;
type RouteAnswer = { status: number; body: unknown; contentType?: string };

export interface HttpServerHandle {
  server: Server;
  port: number;
  /** e.g. http://127.0.0.1:4001/graphql */
  url: string;
  close(): Promise<void>;
}

export interface ServeHttpOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /** Builds the per-request context; throw a GraphQLError to refuse the request. */
  context: (request: { headers: IncomingMessage['headers']; requestId: string; logger: Logger; remoteAddress: string }) => Promise<TContext>;
  logger: Logger;
  port: number;
  host?: string;
  path?: string;
  routes?: HttpRoutes;
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number;
  /** Checks the query text before Apollo parses it: a refusal is answered 400 with its code, and Apollo never sees the request. */
  precheck?: (query: string) => { message: string; code: string } | undefined;
}

const ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Serves an (already started) Apollo Server over plain node:http: GraphQL at `path`, the extra GET
 * routes, 404 elsewhere. Every request gets a request id (the caller's `x-request-id` when well
 * formed) that is echoed back and bound to the request's logger.
 */
export async function serveHttp<TContext extends BaseContext>(options: ServeHttpOptions<TContext>): Promise<HttpServerHandle> {
  const { apollo, logger, path = '/graphql', routes = {}, bodyLimit = 4 * 1024 * 1024 } = options;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const incomingId = req.headers[REQUEST_ID_HEADER];
    const requestId = typeof incomingId === 'string' && ID_PATTERN.test(incomingId) ? incomingId : randomUUID();
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const url = new URL(req.url ?? '/', 'http://localhost');

    const route = routes[url.pathname];
    if (route && (req.method === 'GET' || req.method === 'HEAD')) {
      const { status, body, contentType } = await route();
      if (!contentType) return sendJson(res, status, body);
      res.writeHead(status, { 'content-type': contentType });
      res.end(String(body));
      return;
    }
    if (url.pathname !== path) return sendJson(res, 404, { error: 'not found' });

    let body: unknown;
    try {
      body = req.method === 'POST' ? await readJsonBody(req, bodyLimit) : undefined;
    } catch (error) {
      const status = (error as { status?: number }).status ?? 400;
      // The rest of a refused body is never read: the connection closes once answered, or it would
      // stay busy (and hold up close() for the keep-alive timeout).
      res.setHeader('connection', 'close');
      return sendJson(res, status, { errors: [{ message: (error as Error).message }] });
    }
    const query = req.method === 'POST' ? (body as { query?: unknown } | undefined)?.query : url.searchParams.get('query');
    const refusal = typeof query === 'string' ? options.precheck?.(query) : undefined;
    if (refusal) return sendJson(res, 400, { errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const requestLogger = logger.child({ reqId: requestId });
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method?.toUpperCase() ?? 'GET', headers, search: url.search, body },
      context: () => options.context({ headers: req.headers, requestId, logger: requestLogger, remoteAddress: req.socket.remoteAddress ?? 'unknown' }),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      logger.error({ err: error }, 'unhandled error serving a request');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error' }] });
      else res.destroy();
    });
  });
  // Longer than any client's idle keep-alive, so the gateway never writes to a socket we just closed.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    server,
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}${path}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error(`request body larger than ${limit} bytes`), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  if (!type.includes('json')) return text;
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw Object.assign(new Error('request body is not valid JSON'), { status: 400 });
  }
}
