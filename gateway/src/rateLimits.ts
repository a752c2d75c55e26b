import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimited } from '@vg/graphql';
import type { Viewer } from '@vg/standards';

/** `points` requests per `seconds`, per key. */
export interface RateLimit {
  points: number;
  seconds: number;
}

export interface RateLimits {
  /** Per signed-in account (token subject). */
  signedIn: RateLimit;
  /** Per client address, for requests without a token. */
  anonymous: RateLimit;
  /** Per client name (`apollographql-client-name`; unnamed clients share one bucket): one front end cannot starve the others. */
  client: RateLimit;
  /** Per client address: mutations without a token (residents' service requests). */
  anonymousWrites: RateLimit;
  /** Per client address: requests whose token is refused; when spent, that address is refused for `seconds`. */
  failedSignIns: RateLimit;
}

/**
 * Far above what a person or a front end does (a volunteer's app sends a few requests a second at
 * most; the insurer's batches are one request per 500 enrolments), far below what floods a core.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  signedIn: { points: 1200, seconds: 60 },
  anonymous: { points: 600, seconds: 60 },
  client: { points: 120_000, seconds: 60 },
  anonymousWrites: { points: 10, seconds: 600 },
  failedSignIns: { points: 10, seconds: 300 },
};

const CLIENT_NAME = /^[\w.:@/-]{1,64}$/;

/** In-process token buckets (one gateway process; behind several, each enforces its share). */
export class GatewayRateLimiter {
  private readonly limiters: { [K in keyof RateLimits]: RateLimiterMemory };

  constructor(readonly limits: RateLimits) {
    const make = ({ points, seconds }: RateLimit, blockSeconds = 0) => new RateLimiterMemory({ points, duration: seconds, blockDuration: blockSeconds });
    this.limiters = {
      signedIn: make(limits.signedIn),
      anonymous: make(limits.anonymous),
      client: make(limits.client),
      anonymousWrites: make(limits.anonymousWrites),
      failedSignIns: make(limits.failedSignIns, limits.failedSignIns.seconds),
    };
  }

  /** Refuses (429) an address whose failed sign-ins are spent, before its token is even read. */
  async checkSignInsAllowed(address: string): Promise<void> {
    const state = await this.limiters.failedSignIns.get(address);
    if (state && state.remainingPoints <= 0) throw tooManyRequests('Too many refused tokens from this address', state.msBeforeNext);
  }

  async recordFailedSignIn(address: string): Promise<void> {
    await this.limiters.failedSignIns.consume(address).catch(() => undefined);
  }

  /** One request of `viewer` from `address` by the client named in `clientName`. */
  async consumeRequest(viewer: Viewer, address: string, clientName: string | undefined): Promise<void> {
    const name = clientName && CLIENT_NAME.test(clientName) ? clientName : '(unnamed)';
    await this.consume('client', name, `Too many requests from client "${name}"`);
    if (viewer.sub) await this.consume('signedIn', viewer.sub, 'Too many requests from this account');
    else await this.consume('anonymous', address, 'Too many requests from this address');
  }

  async consumeAnonymousWrite(address: string): Promise<void> {
    await this.consume('anonymousWrites', address, 'Too many anonymous requests to change data from this address');
  }

  private async consume(limiter: keyof RateLimits, key: string, message: string): Promise<void> {
    try {
      await this.limiters[limiter].consume(key);
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) throw tooManyRequests(message, refusal.msBeforeNext);
      throw refusal;
    }
  }
}

/** 429 with Retry-After (whole seconds, at least 1), the code RATE_LIMITED and `retryAfterSeconds`. */
function tooManyRequests(message: string, msBeforeNext: number): GraphQLError {
  return rateLimited(`${message}: retry after ${Math.max(1, Math.ceil(msBeforeNext / 1000))} s`, msBeforeNext, { asHttp429: true });
}

/** Mutations without a token are counted against the tighter anonymous-writes limit. */
export function anonymousWritesPlugin<TContext extends { viewer: Viewer; remoteAddress: string }>(limiter: GatewayRateLimiter): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'mutation' && !contextValue.viewer.sub) await limiter.consumeAnonymousWrite(contextValue.remoteAddress);
        },
      };
    },
  };
}
