import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors';
import type { BaseViewer } from './viewer';
import { encodeViewerHeader, REQUEST_ID_HEADER, VIEWER_HEADER } from './viewerHeader';

export interface SubgraphClientOptions {
  /** The other subgraph's GraphQL URL (direct, not through the gateway). */
  url: string;
  internalSecret: string;
  /** Who the calls are made as: the calling service's own viewer (its internal role, `service:<name>` subject). */
  viewer: BaseViewer;
  timeoutMs?: number;
}

/**
 * Calls another subgraph directly as the internal SERVICE role, signing the viewer header like the
 * gateway does. Used sparingly and always in batches (e.g. `_entities` with many representations).
 */
export class SubgraphClient {
  constructor(private readonly options: SubgraphClientOptions) {}

  /** The other subgraph's GraphQL URL. */
  get url(): string {
    return this.options.url;
  }

  /** The operation's data; throws when the call fails or the response has errors. */
  async request<T>(query: string, variables: Record<string, unknown> = {}, requestId?: string): Promise<T> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [VIEWER_HEADER]: encodeViewerHeader(this.options.viewer, this.options.internalSecret),
    };
    if (requestId) headers[REQUEST_ID_HEADER] = requestId;
    let body: { data?: T; errors?: { message: string }[] };
    try {
      const response = await fetch(this.options.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      body = (await response.json()) as typeof body;
    } catch (error) {
      throw new GraphQLError(`A service this request depends on is unavailable (${(error as Error).message})`, { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } });
    }
    if (body.errors?.length || !body.data) {
      throw new GraphQLError(`A service this request depends on failed: ${body.errors?.map((e) => e.message).join('; ')}`, { extensions: { code: ErrorCode.UPSTREAM_FAILED } });
    }
    return body.data;
  }
}
