import { localDate } from '@vg/config';
import { badUserInput, idArgument, requiredText } from '@vg/graphql';
import type { ServiceRecord } from '../data/service-record.entity';
import type { NewServiceRecord } from '../data/service-record.repository';
import type { PartnerServiceInput } from '../generated/graphql';

/** A delivery names at most this many volunteers (as the partnerships subgraph allows). */
export const MAX_PARTNER_SERVICES = 500;
/** A partner's delivery is a day of service at most per volunteer. */
export const MAX_PARTNER_HOURS = 24;
const SOURCE = /^[a-z][a-z0-9-]{0,31}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The records a partner's delivery asks for, validated (BAD_USER_INPUT naming the field): the
 * source a lower-case subgraph name, the reference an id, the date not in the future (China
 * time), the national text fields within their columns, 1–500 services, each volunteer once,
 * hours more than 0 in half hours, at most 24. Pure: `now` and the recorder are given.
 */
export function partnerRecords(input: PartnerServiceInput, recordedBy: string, now: Date): NewServiceRecord[] {
  if (!SOURCE.test(input.source)) throw badUserInput('input.source', 'must be a lower-case subgraph name of at most 32 characters');
  const reference = idArgument('input.reference', input.reference);
  if (!DATE.test(input.serviceDate) || Number.isNaN(Date.parse(input.serviceDate))) throw badUserInput('input.serviceDate', 'must be a date, YYYY-MM-DD');
  if (input.serviceDate > localDate(now)) throw badUserInput('input.serviceDate', 'must not be in the future');
  const place = requiredText('input.place', input.place, 300);
  const servedParty = requiredText('input.servedParty', input.servedParty, 100);
  const content = requiredText('input.content', input.content, 5000);
  const personInCharge = requiredText('input.personInCharge', input.personInCharge, 50);
  if (input.services.length < 1 || input.services.length > MAX_PARTNER_SERVICES) throw badUserInput('input.services', `must name 1 to ${MAX_PARTNER_SERVICES} volunteers`);
  const seen = new Set<string>();
  return input.services.map((s, i) => {
    const volunteerId = idArgument(`input.services[${i}].volunteerId`, s.volunteerId);
    if (seen.has(volunteerId)) throw badUserInput(`input.services[${i}].volunteerId`, 'names a volunteer already listed');
    seen.add(volunteerId);
    if (!Number.isFinite(s.hours) || s.hours <= 0 || !Number.isInteger(s.hours * 2) || s.hours > MAX_PARTNER_HOURS) {
      throw badUserInput(`input.services[${i}].hours`, `must be more than 0 and at most ${MAX_PARTNER_HOURS}, in half hours`);
    }
    return {
      signupId: null,
      activityId: null,
      serviceRequestId: null,
      partnerSource: input.source,
      partnerReference: reference,
      volunteerId,
      serviceDate: input.serviceDate,
      place,
      servedParty,
      content,
      hours: s.hours,
      evaluation: null,
      personInCharge,
      recordedBy,
    };
  });
}

/**
 * What a call still has to write, given the records already written for its reference: the new
 * volunteers' records (in input order). A volunteer already recorded with other hours is
 * BAD_USER_INPUT: the reference was reused with other content, which a retry never does.
 */
export function missingPartnerRecords(wanted: readonly NewServiceRecord[], existing: readonly ServiceRecord[]): NewServiceRecord[] {
  const byVolunteer = new Map(existing.map((r) => [r.volunteerId, r]));
  return wanted.filter((w, i) => {
    const found = byVolunteer.get(w.volunteerId);
    if (found && found.hours !== w.hours) {
      throw badUserInput(`input.services[${i}].hours`, `differs from the ${found.hours} h already recorded for this volunteer under this reference`);
    }
    return !found;
  });
}
