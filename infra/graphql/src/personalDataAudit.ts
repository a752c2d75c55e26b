import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@vg/logger';
import type { BaseViewer } from './viewer';

/** Which unmasked value a response carried. */
export type PersonalDataField = 'ID_NUMBER' | 'PHONE';

/** One unmasked value: whose (subject type and id in this subgraph) and which field. */
export interface PersonalDataRead {
  subjectType: string;
  subjectId: string;
  field: PersonalDataField;
}

/** What one response read, handed to the subgraph's store when the response is sent. */
export interface PersonalDataReadsOfResponse {
  viewerSub: string | null;
  viewerRoles: readonly string[];
  operationName: string | null;
  requestId: string;
  readAt: Date;
  reads: PersonalDataRead[];
}

/** Where a subgraph keeps its audit (its own database): every read of one response in one write. */
export interface PersonalDataAuditSink {
  insert(batch: PersonalDataReadsOfResponse): Promise<void>;
}

/**
 * The request's collector of unmasked personal-data reads (`ctx.audit`). A resolver that returns
 * an unmasked ID number or phone says so with one call; masked values are not recorded. The reads
 * are written once, when the response is sent (personalDataAuditPlugin), each distinct
 * subject-and-field once per response.
 */
export class PersonalDataAudit {
  private readonly reads = new Map<string, PersonalDataRead>();

  /** `enabled`: the subgraph keeps an audit; recording a read in one that does not is a programming error. */
  constructor(private readonly enabled: boolean) {}

  /** Records that the response carries `read.field` of `read.subject*` unmasked. */
  unmasked(read: PersonalDataRead): void {
    if (!this.enabled) throw new Error(`unmasked ${read.field} of a ${read.subjectType} read in a subgraph without a personal-data audit`);
    this.reads.set(`${read.subjectType}\u0000${read.subjectId}\u0000${read.field}`, read);
  }

  /** `value`, recorded as an unmasked read when there is one (null/undefined: nothing shown, nothing recorded). */
  revealed<T>(read: PersonalDataRead, value: T): T {
    if (value !== null && value !== undefined) this.unmasked(read);
    return value;
  }

  /** The reads recorded so far (and forgets them: each is written once). */
  take(): PersonalDataRead[] {
    const reads = [...this.reads.values()];
    this.reads.clear();
    return reads;
  }
}

/** The gateway names a subgraph's part of an operation `<client name>__<subgraph>__<n>`: the client's name. */
export function clientOperationName(name: string | null | undefined): string | null {
  if (!name) return null;
  return name.replace(/__[a-z][a-z0-9_]*__\d+$/, '') || null;
}

/**
 * Writes the request's unmasked reads (one statement, see the sink) before the response leaves.
 * Fails closed: when the audit cannot be written, the response carries no data, only an error.
 */
export function personalDataAuditPlugin<T extends { audit: PersonalDataAudit; viewer: BaseViewer; requestId: string; logger: Logger }>(sink: PersonalDataAuditSink | undefined): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName, response }) {
          const reads = contextValue.audit.take();
          if (!sink || reads.length === 0) return;
          try {
            await sink.insert({
              viewerSub: contextValue.viewer.sub,
              viewerRoles: contextValue.viewer.roles,
              operationName: clientOperationName(operationName),
              requestId: contextValue.requestId,
              readAt: new Date(),
              reads,
            });
          } catch (error) {
            contextValue.logger.error({ err: error, reads: reads.length }, 'personal-data audit not written; response withheld');
            response.body = { kind: 'single', singleResult: { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } };
          }
        },
      };
    },
  };
}
