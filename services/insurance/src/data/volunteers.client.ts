import type { SubgraphClient } from '@vg/graphql';

/** What the volunteers subgraph tells this service about a volunteer, to check an insurer's item. */
export interface VolunteerIdentity {
  id: string;
  volunteerNo: string;
  name: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'WITHDRAWN';
  /** The keyed hash of the registered ID number (the number itself never leaves that service). */
  idNumberHash: string;
}

/** Identity checks against the volunteers subgraph (this service never reads its tables). */
export interface VolunteersDirectory {
  /**
   * The identities of these volunteer numbers, by number (null for unknown ones): ONE call to the
   * volunteers subgraph whatever the number of numbers, none for an empty list.
   */
  identities(volunteerNos: readonly string[]): Promise<Map<string, VolunteerIdentity | null>>;
}

const IDENTITIES = `query VolunteerIdentities($nos: [String!]!) {
  volunteerIdentities(volunteerNos: $nos) { volunteer { id volunteerNo } name status idNumberHash }
}`;

type Answer = { volunteerIdentities: ({ volunteer: { id: string; volunteerNo: string }; name: string; status: VolunteerIdentity['status']; idNumberHash: string } | null)[] };

export function createVolunteersDirectory(client: Pick<SubgraphClient, 'request'>, requestId?: string): VolunteersDirectory {
  return {
    async identities(volunteerNos) {
      const result = new Map<string, VolunteerIdentity | null>();
      if (volunteerNos.length === 0) return result;
      const data = await client.request<Answer>(IDENTITIES, { nos: volunteerNos }, requestId);
      // One entry per number asked, in the same order.
      volunteerNos.forEach((no, i) => {
        const found = data.volunteerIdentities[i];
        result.set(no, found ? { id: found.volunteer.id, volunteerNo: found.volunteer.volunteerNo, name: found.name, status: found.status, idNumberHash: found.idNumberHash } : null);
      });
      return result;
    },
  };
}
