import { decodeCursor, idArgument } from '@vg/graphql';

/** The keyset position (an id) an `after` cursor stands for; undefined for the first page. */
export function afterId(after: string | null | undefined, field = 'after'): string | undefined {
  return after == null ? undefined : idArgument(field, decodeCursor(after, field));
}

/** An optional id filter, checked; undefined when not given. */
export function optionalId(field: string, id: string | null | undefined): string | undefined {
  return id == null ? undefined : idArgument(field, id);
}

/**
 * Could `id` name a row at all? For decisions that must not turn into input errors (a token's
 * volunteer id, a relation checked before the input): a malformed id simply names nobody.
 */
export function isWellFormedId(id: string): boolean {
  try {
    idArgument('id', id);
    return true;
  } catch {
    return false;
  }
}
