/** A page of the change feed (EntityRef, for other subgraphs' entities, comes from @vg/graphql). */
export interface ChangePage<T> {
  changes: T[];
  cursor: string;
  hasMore: boolean;
  latestSequence: string;
  latestAt: Date | null;
}
