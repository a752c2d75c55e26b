import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The registration guard's two tables: the refused attempts the service centre resolves offline
 * (who, when, the keyed hash of the ID number — never the number), and rate-limiter-flexible's
 * counters (RateLimiterPostgres's own layout, created here so the service never runs DDL itself).
 */
export class CreateRegistrationAttempts1796180000000 implements MigrationInterface {
  name = 'CreateRegistrationAttempts1796180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE registration_attempts (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account_sub    varchar(128) NOT NULL,
        roles          text[]       NOT NULL,
        id_number_hash char(64)     NOT NULL,
        outcome        varchar(16)  NOT NULL CHECK (outcome IN ('DUPLICATE', 'ID_NUMBER_LOCKED')),
        created_at     timestamptz  NOT NULL DEFAULT now(),
        updated_at     timestamptz  NOT NULL DEFAULT now()
      );
      CREATE INDEX registration_attempts_id_number_idx ON registration_attempts (id_number_hash, created_at);
      CREATE TABLE registration_limits (
        key    varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE registration_limits, registration_attempts;');
  }
}
