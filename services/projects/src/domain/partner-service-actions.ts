import { requireRole } from '@vg/graphql';
import type { ProjectsContext } from '../context';
import type { ServiceRecord } from '../data/service-record.entity';
import type { PartnerServiceInput } from '../generated/graphql';
import { missingPartnerRecords, partnerRecords } from './partner-service';

/**
 * THE path for other subgraphs' delivered hours (SERVICE only): one record per volunteer, inserted
 * as check-out inserts (national fields and a CREATED change in the feed, so honours credits it).
 * Idempotent per (source, reference, volunteer): under an advisory lock on the reference, the
 * records already there are returned and only the missing ones written; the unique key
 * (partner_source, partner_reference, volunteer_id) is the last line of defence. Returns the
 * records in input order.
 */
export async function recordPartnerService(ctx: ProjectsContext, input: PartnerServiceInput): Promise<ServiceRecord[]> {
  requireRole(ctx.viewer, 'record partner services', 'SERVICE');
  const wanted = partnerRecords(input, ctx.viewer.sub ?? input.source, new Date());
  const reference = wanted[0].partnerReference!;
  return ctx.transaction(async (repos) => {
    await repos.records.lockPartnerReference(input.source, reference);
    const existing = await repos.records.ofPartnerReference(input.source, reference);
    const written: ServiceRecord[] = [];
    for (const record of missingPartnerRecords(wanted, existing)) written.push(await repos.records.insert(record));
    const byVolunteer = new Map([...existing, ...written].map((r) => [r.volunteerId, r]));
    return wanted.map((w) => byVolunteer.get(w.volunteerId)!);
  });
}
