import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A service record can now come from another subgraph's delivered service (e.g. a partnership
 * order of the partnerships subgraph), written through the internal `recordPartnerService`: the
 * source names the subgraph, the reference its own id (the order), and each volunteer gets at most
 * one record per (source, reference) — the unique key that makes a retried call write nothing.
 * "Exactly one source" now counts the partner reference too.
 */
export class ServiceRecordsFromPartners1764800000000 implements MigrationInterface {
  name = 'ServiceRecordsFromPartners1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE service_records
        ADD COLUMN partner_source varchar(32) CHECK (partner_source ~ '^[a-z][a-z0-9-]*$'),
        ADD COLUMN partner_reference bigint,
        -- A partner record names its source and its reference together; other records neither.
        ADD CONSTRAINT service_records_partner_pair CHECK ((partner_source IS NULL) = (partner_reference IS NULL)),
        ADD CONSTRAINT service_records_partner_unique UNIQUE (partner_source, partner_reference, volunteer_id),
        DROP CONSTRAINT service_records_one_source,
        ADD CONSTRAINT service_records_one_source CHECK (num_nonnulls(signup_id, service_request_id, partner_reference) = 1);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // Forward only in production; this undoes the change on a database holding no partner records.
    await q.query(`
      ALTER TABLE service_records
        DROP CONSTRAINT service_records_one_source,
        DROP CONSTRAINT service_records_partner_unique,
        DROP CONSTRAINT service_records_partner_pair,
        DROP COLUMN partner_reference,
        DROP COLUMN partner_source,
        ADD CONSTRAINT service_records_one_source CHECK (num_nonnulls(signup_id, service_request_id) = 1);
    `);
  }
}
