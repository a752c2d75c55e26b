/**
 * LIKE patterns that match user text literally: `%`, `_` and `\` are escaped with `\` (the
 * default escape character, also named by `ESCAPE '\'` where a statement uses one). The one place
 * LIKE patterns are built, so no repository forgets an escape.
 */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Everything starting with `prefix` (e.g. a region code prefix: a region and all below it). */
export const likePrefix = (prefix: string): string => `${escapeLike(prefix)}%`;

/** Everything containing `text`. */
export const likeContaining = (text: string): string => `%${escapeLike(text)}%`;
