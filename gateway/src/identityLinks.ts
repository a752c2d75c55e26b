import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@vg/logger';
import { IDENTITY_CLAIMS, type ClaimKey, type Viewer } from '@vg/standards';
import { TtlCache } from './ttlCache';

/** Where a claim missing from a token is looked up (an IDENTITY_CLAIMS entry's `link`). */
export interface ClaimLink {
  subgraph: string;
  forRoles: readonly string[];
  query: string;
  pick(data: unknown): string | null;
}

/** Calls a subgraph directly as the gateway's SERVICE viewer (a @vg/graphql SubgraphClient). */
export interface LinkClient {
  request<T>(query: string, variables: Record<string, unknown>, requestId?: string): Promise<T>;
}

export interface IdentityLinksOptions {
  /** The client for a subgraph by name; undefined while its URL is unknown. */
  clientFor(subgraph: string): LinkClient | undefined;
  logger: Logger;
  /** Claim → link; defaults to every IDENTITY_CLAIMS entry that has one. */
  links?: Partial<Record<ClaimKey, ClaimLink>>;
  /** A link, once made, never changes: kept long, bounded by `maxEntries`. */
  positiveTtlMs?: number;
  /** "Not linked (yet)": kept briefly, and forgotten when the subject's mutation completes. */
  negativeTtlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

/** Every identity claim that can be looked up when a token lacks it. */
export function linkedClaims(): Partial<Record<ClaimKey, ClaimLink>> {
  const links: Partial<Record<ClaimKey, ClaimLink>> = {};
  for (const [key, entry] of Object.entries(IDENTITY_CLAIMS) as [ClaimKey, { link?: ClaimLink }][]) {
    if (entry.link) links[key] = entry.link;
  }
  return links;
}

/**
 * Completes a verified viewer with the identity claims its token lacks, e.g. the volunteer an
 * account registered as after its token was issued: one rule, at the gateway, for every subgraph
 * (they only see the signed viewer header). Looked up from the claim's owning subgraph, cached;
 * a failed look-up leaves the claim out (the caller acts without it) rather than failing the request.
 */
export class IdentityLinks {
  private readonly links: [ClaimKey, ClaimLink][];
  private readonly cache: TtlCache<string | null>;
  private readonly inFlight = new Map<string, Promise<string | null>>();
  /** Bumped by every forget: a "not linked" answer begun before it may be stale, so is not kept. */
  private generation = 0;
  private readonly positiveTtlMs: number;
  private readonly negativeTtlMs: number;
  /** Look-ups sent to subgraphs (not answered from the cache). */
  lookups = 0;

  constructor(private readonly options: IdentityLinksOptions) {
    this.links = Object.entries(options.links ?? linkedClaims()) as [ClaimKey, ClaimLink][];
    this.cache = new TtlCache(options.maxEntries ?? 10_000, options.now);
    this.positiveTtlMs = options.positiveTtlMs ?? 60 * 60_000;
    this.negativeTtlMs = options.negativeTtlMs ?? 5_000;
  }

  /** The viewer with every missing linkable claim filled in where a link exists; the same viewer when none applies. */
  async complete(viewer: Viewer, requestId?: string): Promise<Viewer> {
    const { sub } = viewer;
    if (!sub) return viewer;
    const wanted = this.links.filter(([key, link]) => viewer[key] == null && viewer.roles.some((role) => link.forRoles.includes(role)));
    if (wanted.length === 0) return viewer;
    const found = await Promise.all(wanted.map(([key, link]) => this.lookUp(key, link, sub, requestId)));
    const completed = { ...viewer };
    wanted.forEach(([key], i) => {
      if (found[i] != null) completed[key] = found[i];
    });
    return completed;
  }

  /** Drops what is known about a subject (after its mutations: it may just have registered). */
  forget(sub: string): void {
    this.generation += 1;
    for (const [key] of this.links) {
      this.cache.delete(cacheKey(key, sub));
      this.inFlight.delete(cacheKey(key, sub));
    }
  }

  private lookUp(key: ClaimKey, link: ClaimLink, sub: string, requestId?: string): Promise<string | null> {
    const id = cacheKey(key, sub);
    const cached = this.cache.get(id);
    if (cached !== undefined) return Promise.resolve(cached);
    // Concurrent requests of one account share one look-up.
    let pending = this.inFlight.get(id);
    if (!pending) {
      pending = this.fetchLink(key, link, sub, id, requestId).finally(() => {
        if (this.inFlight.get(id) === pending) this.inFlight.delete(id);
      });
      this.inFlight.set(id, pending);
    }
    return pending;
  }

  private async fetchLink(key: ClaimKey, link: ClaimLink, sub: string, id: string, requestId?: string): Promise<string | null> {
    const generation = this.generation;
    const client = this.options.clientFor(link.subgraph);
    try {
      if (!client) throw new Error(`no URL known for subgraph ${link.subgraph}`);
      this.lookups += 1;
      const value = link.pick(await client.request<unknown>(link.query, { sub }, requestId));
      if (value != null) this.cache.set(id, value, this.positiveTtlMs);
      else if (generation === this.generation) this.cache.set(id, null, this.negativeTtlMs);
      return value;
    } catch (error) {
      // Not cached: the next request tries again once the subgraph is back.
      this.options.logger.warn({ err: error, claim: key, subgraph: link.subgraph, requestId }, 'identity link look-up failed; continuing without the claim');
      return null;
    }
  }
}

function cacheKey(key: ClaimKey, sub: string): string {
  return `${key}\u0000${sub}`;
}

/** Forgets the subject's links once any mutation of theirs completes ("register, then sign up"). */
export function forgetLinksAfterMutations<TContext extends { viewer: Viewer }>(links: IdentityLinks): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation }) {
          const sub = contextValue.viewer?.sub;
          if (operation?.operation === 'mutation' && sub) links.forget(sub);
        },
      };
    },
  };
}
