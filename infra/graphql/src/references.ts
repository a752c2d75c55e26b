/** A reference to an entity another subgraph owns (a Volunteer, Station, Team …): only its key. */
export interface EntityRef {
  id: string;
}
