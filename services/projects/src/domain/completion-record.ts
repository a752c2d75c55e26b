import { localDate } from '@vg/config';
import { badUserInput, optionalText } from '@vg/graphql';
import type { ProjectsContext } from '../context';
import type { NewServiceRecord } from '../data/service-record.repository';
import type { ServiceRequest } from '../data/service-request.entity';
import type { ServiceRequestEvent } from '../data/service-request-event.entity';
import type { CompleteServiceRequestInput } from '../generated/graphql';

const HALF_HOUR_MS = 30 * 60 * 1000;
/** A request is one visit: a day of service at most, however long it stayed accepted. */
export const MAX_REQUEST_HOURS = 24;
const NOTE_MAX = 500;

/**
 * Hours a volunteer may claim for a request: more than 0, in half hours, at most 24 and at most
 * the time since they accepted it rounded up to the next half hour (they cannot have served
 * longer; rounding up keeps a 20-minute visit claimable as half an hour). BAD_USER_INPUT naming `field`.
 */
export function requestHours(field: string, hours: number, acceptedAt: Date, now: Date): number {
  if (!Number.isFinite(hours) || hours <= 0 || !Number.isInteger(hours * 2)) throw badUserInput(field, 'must be more than 0, in half hours');
  if (hours > MAX_REQUEST_HOURS) throw badUserInput(field, `must be at most ${MAX_REQUEST_HOURS}`);
  const elapsed = Math.ceil(Math.max(0, now.getTime() - acceptedAt.getTime()) / HALF_HOUR_MS) / 2;
  if (hours > elapsed) throw badUserInput(field, `must be at most the time since the request was accepted (${elapsed} h)`);
  return hours;
}

/** When the request was last accepted, from its history. */
export function acceptedAt(history: readonly ServiceRequestEvent[]): Date | undefined {
  return [...history].reverse().find((e) => e.toStatus === 'ACCEPTED')?.at;
}

export interface CompletionRecord {
  record: NewServiceRecord;
  /** The history's note for the COMPLETED step. */
  note: string | null;
}

/**
 * The service record a completed request leaves, with the national fields: served on the China
 * date of completion, at the request's address, for 群众 unless said, doing what the request asked
 * (its title and the note unless said), the assigned team's name as person in charge.
 */
export async function completionRecord(ctx: ProjectsContext, request: ServiceRequest, volunteerId: string, input: CompleteServiceRequestInput, since: Date, now: Date): Promise<CompletionRecord> {
  const hours = requestHours('input.hours', input.hours, since, now);
  const note = optionalText('input.note', input.note, NOTE_MAX);
  const servedParty = optionalText('input.servedParty', input.servedParty, 100);
  const content = optionalText('input.content', input.content, 5000);
  const team = request.teamId ? await ctx.volunteers.team.load(request.teamId) : null;
  return {
    note,
    record: {
      signupId: null,
      activityId: null,
      serviceRequestId: request.id,
      volunteerId,
      serviceDate: localDate(now),
      place: request.address.slice(0, 300),
      servedParty: servedParty ?? '群众',
      content: content ?? (note ? `${request.title}：${note}` : request.title),
      hours,
      evaluation: null,
      personInCharge: (team?.name ?? `team ${request.teamId}`).slice(0, 50),
      recordedBy: ctx.viewer.sub!,
    },
  };
}
