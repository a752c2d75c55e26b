import type { SubgraphClient } from '@vg/graphql';

/** What the projects subgraph's internal recordPartnerService takes (see its schema). */
export interface PartnerServiceRequest {
  source: string;
  reference: string;
  serviceDate: string;
  place: string;
  servedParty: string;
  content: string;
  personInCharge: string;
  services: { volunteerId: string; hours: number }[];
}

/** A record it wrote (or had written before: the call is idempotent). */
export interface WrittenRecord {
  id: string;
  volunteerId: string;
}

/** Anything that answers GraphQL like the projects subgraph (a SubgraphClient, or a test fake). */
export type ProjectsSource = Pick<SubgraphClient, 'request'>;

const RECORD_PARTNER_SERVICE = `mutation RecordPartnerService($input: PartnerServiceInput!) {
  recordPartnerService(input: $input) { id volunteer { id } }
}`;

/**
 * Asks the projects subgraph (directly, as the SERVICE role) to write the service records of one
 * delivery: one call per order, whatever the number of volunteers. Safe to repeat: projects
 * returns the records it already wrote for (source, reference, volunteer). Throws when projects
 * is unavailable or refuses.
 */
export async function recordPartnerService(projects: ProjectsSource, input: PartnerServiceRequest, requestId?: string): Promise<WrittenRecord[]> {
  const data = await projects.request<{ recordPartnerService: { id: string; volunteer: { id: string } }[] }>(RECORD_PARTNER_SERVICE, { input }, requestId);
  return data.recordPartnerService.map((r) => ({ id: r.id, volunteerId: r.volunteer.id }));
}
