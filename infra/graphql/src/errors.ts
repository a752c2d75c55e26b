import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** The error codes clients can act on; anything else is an unexpected (internal) error. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  FORBIDDEN = 'FORBIDDEN',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  /** Another subgraph this request needed answered with errors. */
  UPSTREAM_FAILED = 'UPSTREAM_FAILED',
  /** Another subgraph this request needed could not be reached: retry later. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  /** Too many attempts: retry after `extensions.retryAfterSeconds`. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** The operation's estimated cost is above the caller's limit (`extensions.cost`, `extensions.limit`). */
  COST_LIMIT_EXCEEDED = 'COST_LIMIT_EXCEEDED',
}

/** Invalid input: names the offending `field` (a dotted path into the arguments, e.g. `input.idNumber`). */
export function badUserInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });
}

/** The viewer may not do this. */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

/** `what` with identifier `id` does not exist. */
export function notFound(what: string, id: string): GraphQLError {
  return new GraphQLError(`${what} ${id} not found`, { extensions: { code: ErrorCode.NOT_FOUND, what, id } });
}

/**
 * Too many attempts: RATE_LIMITED with the whole seconds to wait (at least 1) in
 * `extensions.retryAfterSeconds`. `asHttp429`: the whole HTTP response is refused (status 429 and
 * `Retry-After`) — for the gateway's request limits, not for a subgraph's resolver, whose answer the
 * gateway must still read as GraphQL.
 */
export function rateLimited(message: string, msBeforeNext: number, { asHttp429 = false } = {}): GraphQLError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  // Apollo reads a HeaderMap here (graphql-yoga's type augmentation, loaded with the sandbox, says a record).
  const http = asHttp429 ? ({ status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) } as never) : undefined;
  return new GraphQLError(message, { extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds, ...(http ? { http } : {}) } });
}

/** The request contradicts the current state (a duplicate, a full activity, an illegal transition). */
export function conflict(message: string, reason?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT, ...(reason ? { reason } : {}) } });
}
