import { badUserInput } from './errors';

/**
 * A Relay-style page of nodes. `totalCount` may be a function: GraphQL's default resolver calls it
 * only when the field is selected, so pages that do not ask for it do not pay for a COUNT.
 */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number | (() => Promise<number>);
}

/** Largest page a client may ask for. */
export const MAX_PAGE_SIZE = 100;

/** Checks `first` (BAD_USER_INPUT naming the field when outside 0..MAX_PAGE_SIZE) and returns it. */
export function pageSize(first: number | null | undefined, fallback = 20, field = 'first'): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) throw badUserInput(field, `must be between 0 and ${MAX_PAGE_SIZE}`);
  return size;
}

/**
 * Builds a connection from up to `size + 1` rows fetched in keyset order: the extra row only says
 * there is a next page. `positionOf` gives the keyset position (e.g. the id) encoded in cursors.
 */
export function toConnection<T>(rows: T[], size: number, positionOf: (row: T) => string, totalCount: Connection<T>['totalCount']): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodeCursor(positionOf(node)), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}

/** An opaque cursor for a keyset position (e.g. an id). */
export function encodeCursor(position: string): string {
  return Buffer.from(`c:${position}`).toString('base64url');
}

/** The position inside a cursor made by `encodeCursor`; BAD_USER_INPUT naming `field` if it is not one. */
export function decodeCursor(cursor: string, field = 'after'): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('c:') || text.length < 3) throw badUserInput(field, 'not a cursor returned by this API');
  return text.slice(2);
}

/** A keyset position of several parts (e.g. a date and an id) as one opaque cursor. */
export function encodeKeyset(parts: readonly string[]): string {
  return encodeCursor(parts.join('|'));
}

/**
 * The parts of a cursor made by `encodeKeyset`, each checked against its pattern; BAD_USER_INPUT
 * naming `field` when the cursor is not one this API returned.
 */
export function decodeKeyset(cursor: string, patterns: readonly RegExp[], field = 'after'): string[] {
  const parts = decodeCursor(cursor, field).split('|');
  if (parts.length !== patterns.length || parts.some((part, i) => !patterns[i].test(part))) throw badUserInput(field, 'not a cursor returned by this API');
  return parts;
}
