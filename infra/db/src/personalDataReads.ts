import type { DataSource, QueryRunner } from 'typeorm';
import { sql } from './sql';

/** One response's read of one unmasked personal value, as stored in `personal_data_reads`. */
export interface PersonalDataReadRow {
  id: string;
  readAt: Date;
  /** The viewer's token subject (`service:<name>` for a service); null when anonymous. */
  viewerSub: string | null;
  viewerRoles: string[];
  /** Whose value it was, e.g. VOLUNTEER, and their id in this subgraph. */
  subjectType: string;
  subjectId: string;
  /** Which value, e.g. ID_NUMBER or PHONE. */
  field: string;
  /** The client's operation name, when it gave one. */
  operationName: string | null;
  requestId: string;
}

/** What one response read, written together. */
export interface PersonalDataReadBatch {
  viewerSub: string | null;
  viewerRoles: readonly string[];
  operationName: string | null;
  requestId: string;
  readAt: Date;
  reads: readonly { subjectType: string; subjectId: string; field: string }[];
}

export interface PersonalDataReadQuery {
  subjectTypes: readonly string[];
  subjectId?: string;
  viewerSub?: string;
  since?: Date;
  /** Keyset: only reads with a smaller id (newest first). */
  beforeId?: string;
  limit: number;
}

/**
 * Creates `personal_data_reads` (the audit of unmasked personal-data reads) in a subgraph's own
 * database: forward only, called by one migration file in each subgraph that keeps the audit.
 * Append-only by use; indexed for the audit's filters, newest first.
 */
export async function createPersonalDataReadsTable(q: QueryRunner): Promise<void> {
  await q.query(`
    CREATE TABLE personal_data_reads (
      id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      read_at        timestamptz NOT NULL,
      viewer_sub     varchar(200),
      viewer_roles   text[] NOT NULL,
      subject_type   varchar(32) NOT NULL,
      subject_id     varchar(64) NOT NULL,
      field          varchar(32) NOT NULL,
      operation_name varchar(200),
      request_id     varchar(100) NOT NULL
    );
    CREATE INDEX personal_data_reads_subject_idx ON personal_data_reads (subject_type, subject_id, id DESC);
    CREATE INDEX personal_data_reads_viewer_idx ON personal_data_reads (viewer_sub, id DESC);
    CREATE INDEX personal_data_reads_read_at_idx ON personal_data_reads (read_at);
  `);
}

/** Reads and writes `personal_data_reads` (see createPersonalDataReadsTable). */
export class PersonalDataReadStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes every read of one response in ONE statement, whatever their number; nothing when there are none. */
  async insert(batch: PersonalDataReadBatch): Promise<void> {
    if (batch.reads.length === 0) return;
    await this.dataSource.query(
      sql(
        'personalDataReadsInsert',
        `INSERT INTO personal_data_reads (read_at, viewer_sub, viewer_roles, operation_name, request_id, subject_type, subject_id, field)
         SELECT $1, $2, $3::text[], $4, $5, r.subject_type, r.subject_id, r.field
         FROM unnest($6::text[], $7::text[], $8::text[]) AS r (subject_type, subject_id, field)`,
      ),
      [
        batch.readAt,
        batch.viewerSub?.slice(0, 200) ?? null,
        [...batch.viewerRoles],
        batch.operationName?.slice(0, 200) ?? null,
        batch.requestId,
        batch.reads.map((r) => r.subjectType),
        batch.reads.map((r) => r.subjectId.slice(0, 64)),
        batch.reads.map((r) => r.field),
      ],
    );
  }

  /** Up to `limit` reads matching the query, newest first (by id). */
  async list(query: PersonalDataReadQuery): Promise<PersonalDataReadRow[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      sql(
        'personalDataReadsPage',
        `SELECT id, read_at, viewer_sub, viewer_roles, subject_type, subject_id, field, operation_name, request_id
         FROM personal_data_reads
         WHERE subject_type = ANY($1::text[])
           AND ($2::text IS NULL OR subject_id = $2)
           AND ($3::text IS NULL OR viewer_sub = $3)
           AND ($4::timestamptz IS NULL OR read_at >= $4)
           AND ($5::bigint IS NULL OR id < $5)
         ORDER BY id DESC
         LIMIT $6`,
      ),
      [[...query.subjectTypes], query.subjectId ?? null, query.viewerSub ?? null, query.since ?? null, query.beforeId ?? null, query.limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      readAt: r.read_at as Date,
      viewerSub: (r.viewer_sub as string | null) ?? null,
      viewerRoles: r.viewer_roles as string[],
      subjectType: r.subject_type as string,
      subjectId: r.subject_id as string,
      field: r.field as string,
      operationName: (r.operation_name as string | null) ?? null,
      requestId: r.request_id as string,
    }));
  }
}
