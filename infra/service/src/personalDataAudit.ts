import type { PersonalDataReadRow, PersonalDataReadStore } from '@vg/db';
import { decodeCursor, idArgument, isBigintId, badUserInput, optionalText, pageSize, requireRole, toConnection, type Connection } from '@vg/graphql';
import type { ServiceContext } from './ServiceDefinition';

/** The id of the one `PersonalDataAudit` entity (its lists come from the subgraphs holding the data). */
export const PERSONAL_DATA_AUDIT_ID = 'personal-data-audit';

/** The audit's root (`Query.personalDataAudit`): ADMIN only, FORBIDDEN for anyone else. */
export function personalDataAudit(ctx: ServiceContext): { id: string } {
  requireRole(ctx.viewer, 'read the personal-data audit', 'ADMIN');
  return { id: PERSONAL_DATA_AUDIT_ID };
}

/** The arguments of every `PersonalDataAudit` list (`volunteerReads`, `serviceRequestReads`, …). */
export interface PersonalDataReadsArgs {
  filter?: { subjectId?: string | null; viewerSub?: string | null; since?: Date | string | null } | null;
  first?: number | null;
  after?: string | null;
}

/** A stored read as the schema's `PersonalDataRead`. */
export type PersonalDataReadNode = PersonalDataReadRow;

/**
 * One page of this subgraph's unmasked personal-data reads of `subjectTypes`, newest first: ADMIN
 * only (FORBIDDEN for anyone else, before the arguments are looked at), then the filter and page
 * arguments checked (BAD_USER_INPUT naming the field).
 */
export async function personalDataReads(
  ctx: ServiceContext & { personalDataReads: PersonalDataReadStore },
  subjectTypes: readonly string[],
  args: PersonalDataReadsArgs,
): Promise<Connection<PersonalDataReadNode>> {
  requireRole(ctx.viewer, 'read the personal-data audit', 'ADMIN');
  const size = pageSize(args.first);
  const subjectId = optionalText('filter.subjectId', args.filter?.subjectId, 64);
  if (subjectId !== null) idArgument('filter.subjectId', subjectId);
  const viewerSub = optionalText('filter.viewerSub', args.filter?.viewerSub, 200);
  const beforeId = args.after ? decodeCursor(args.after) : undefined;
  if (beforeId !== undefined && !isBigintId(beforeId)) throw badUserInput('after', 'not a cursor returned by this API');
  const rows = await ctx.personalDataReads.list({
    subjectTypes,
    subjectId: subjectId ?? undefined,
    viewerSub: viewerSub ?? undefined,
    since: args.filter?.since ? new Date(args.filter.since) : undefined,
    beforeId,
    limit: size + 1,
  });
  // No totalCount in the schema: the audit only grows, and a count of it would only get slower.
  return toConnection(rows, size, (row) => row.id, 0);
}
