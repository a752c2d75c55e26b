import DataLoader from 'dataloader';

/**
 * Orders `rows` to match `keys` for a DataLoader batch function: one entry per key, in key order,
 * `null` where no row has that key. Keys are compared as strings (bigint ids arrive as strings).
 */
export function batchByKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): (R | null)[] {
  const byKey = new Map<string, R>();
  for (const row of rows) byKey.set(String(keyOf(row)), row);
  return keys.map((key) => byKey.get(String(key)) ?? null);
}

/** Like `batchByKey` for one-to-many relations: every row with each key, in row order; [] when none. */
export function batchGroupsByKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const byKey = new Map<string, R[]>();
  for (const row of rows) {
    const key = String(keyOf(row));
    const group = byKey.get(key);
    if (group) group.push(row);
    else byKey.set(key, [row]);
  }
  return keys.map((key) => byKey.get(String(key)) ?? []);
}

/**
 * A loader for one-to-many relations with arguments (e.g. the first N per parent): keys with the
 * same arguments share one statement; results come back grouped per parent id.
 */
export function perParentLoader<K extends { id: string }, R>(fetch: (ids: string[], sample: K) => Promise<R[]>, parentOf: (row: R) => string): DataLoader<K, R[], string> {
  return new DataLoader<K, R[], string>(
    async (keys) => {
      const groups = new Map<string, K[]>();
      for (const key of keys) {
        const { id: _id, ...args } = key;
        const signature = JSON.stringify(args);
        groups.set(signature, [...(groups.get(signature) ?? []), key]);
      }
      const results = new Map<K, R[]>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const rows = await fetch([...new Set(group.map((k) => k.id))], group[0]);
          const grouped = batchGroupsByKey(
            group.map((k) => k.id),
            rows,
            parentOf,
          );
          group.forEach((key, i) => results.set(key, grouped[i]));
        }),
      );
      return keys.map((key) => results.get(key)!);
    },
    { cacheKeyFn: (key) => JSON.stringify(key) },
  );
}
