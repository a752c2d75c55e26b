/** A reference to an entity another subgraph owns (Volunteer, Station, Team): only its key. */
export interface EntityRef {
  id: string;
}

/** A page of the change feed. */
export interface ChangePage<T> {
  changes: T[];
  cursor: string;
  hasMore: boolean;
}
