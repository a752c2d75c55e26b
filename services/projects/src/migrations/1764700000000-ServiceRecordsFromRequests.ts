import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A service record can now come from a completed service request (the five-order loop) as well as
 * from a checked-out sign-up. Each source is its own nullable, unique foreign key, and one CHECK
 * says exactly one is set: a later source (e.g. a partnership order) is one more column and a
 * replaced CHECK in its own migration, never a reinterpretation of an existing column.
 */
export class ServiceRecordsFromRequests1764700000000 implements MigrationInterface {
  name = 'ServiceRecordsFromRequests1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE service_records
        ALTER COLUMN signup_id DROP NOT NULL,
        ALTER COLUMN activity_id DROP NOT NULL,
        ADD COLUMN service_request_id bigint UNIQUE REFERENCES service_requests (id),
        -- An activity record names its sign-up and activity together; a request record neither.
        ADD CONSTRAINT service_records_activity_pair CHECK ((signup_id IS NULL) = (activity_id IS NULL)),
        ADD CONSTRAINT service_records_one_source CHECK (num_nonnulls(signup_id, service_request_id) = 1);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // Forward only in production; this undoes the change on a database holding no request records.
    await q.query(`
      ALTER TABLE service_records
        DROP CONSTRAINT service_records_one_source,
        DROP CONSTRAINT service_records_activity_pair,
        DROP COLUMN service_request_id,
        ALTER COLUMN signup_id SET NOT NULL,
        ALTER COLUMN activity_id SET NOT NULL;
    `);
  }
}
