import DataLoader from 'dataloader';
import type { SubgraphClient } from '@vg/graphql';

/** A volunteer's service on one date, as a key. */
export interface VolunteerDate {
  volunteerId: string;
  date: string;
}

/** What this service asks the projects subgraph (it never reads its tables). */
export interface ProjectsDirectory {
  /**
   * Ids of a volunteer's service records on a date. One call per batch of keys, whatever their
   * number and dates (one aliased `_entities` field per distinct date).
   */
  serviceRecordIdsOn: DataLoader<VolunteerDate, string[], string>;
}

type Answer = Record<string, ({ serviceRecordsOn: { id: string }[] } | null)[]>;

export function createProjectsDirectory(client: Pick<SubgraphClient, 'request'>, requestId?: string): ProjectsDirectory {
  const serviceRecordIdsOn = new DataLoader<VolunteerDate, string[], string>(
    async (keys) => {
      const dates = [...new Set(keys.map((k) => k.date))];
      const idsByDate = dates.map((date) => [...new Set(keys.filter((k) => k.date === date).map((k) => k.volunteerId))]);
      const fields = dates.map((_, i) => `d${i}: _entities(representations: $r${i}) { ... on Volunteer { serviceRecordsOn(date: $d${i}) { id } } }`);
      const params = dates.map((_, i) => `$r${i}: [_Any!]!, $d${i}: Date!`);
      const variables: Record<string, unknown> = {};
      dates.forEach((date, i) => {
        variables[`r${i}`] = idsByDate[i].map((id) => ({ __typename: 'Volunteer', id }));
        variables[`d${i}`] = date;
      });
      const data = await client.request<Answer>(`query ServiceEvidence(${params.join(', ')}) { ${fields.join(' ')} }`, variables, requestId);
      const found = new Map<string, string[]>();
      dates.forEach((date, i) => idsByDate[i].forEach((id, j) => found.set(`${id}|${date}`, data[`d${i}`][j]?.serviceRecordsOn.map((r) => r.id) ?? [])));
      return keys.map((k) => found.get(`${k.volunteerId}|${k.date}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.volunteerId}|${k.date}` },
  );
  return { serviceRecordIdsOn };
}
