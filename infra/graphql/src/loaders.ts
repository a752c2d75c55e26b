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
