/**
 * Merges resolver maps type by type (a service's areas each resolve part of Query, Mutation and
 * entity types). Two maps resolving the same field is a mistake: it throws at start-up rather than
 * letting one silently replace the other.
 */
export function mergeResolvers<R extends object>(...maps: R[]): R {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      const target = (merged[type] ??= {});
      for (const [field, resolver] of Object.entries(fields as Record<string, unknown>)) {
        if (field in target) throw new Error(`${type}.${field} is resolved twice`);
        target[field] = resolver;
      }
    }
  }
  return merged as R;
}
