import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plans with their cover items, the insurer's batches, and enrolments. Volunteer ids refer to the
 * volunteers subgraph: no foreign keys cross services. No column holds an ID number or a name.
 */
export class CreateInsurance1764600000000 implements MigrationInterface {
  name = 'CreateInsurance1764600000000';

  async up(q: QueryRunner): Promise<void> {
    // btree_gist lets one GiST exclusion constraint compare bigint ids with = next to date ranges
    // with &&. It ships with PostgreSQL (contrib) and is a trusted extension (PostgreSQL 13+), so
    // the database's owner may create it without being a superuser.
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`
      CREATE TABLE insurance_plans (
        id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        code                    varchar(32)  NOT NULL UNIQUE,
        name                    varchar(100) NOT NULL,
        insurer                 varchar(100) NOT NULL,
        term_months             int NOT NULL CHECK (term_months BETWEEN 1 AND 60),
        premium_per_person_year numeric(10, 2) NOT NULL CHECK (premium_per_person_year >= 0),
        on_sale_from            date NOT NULL,
        on_sale_until           date CHECK (on_sale_until >= on_sale_from),
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE plan_cover_items (
        id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        plan_id            bigint NOT NULL REFERENCES insurance_plans (id),
        position           smallint NOT NULL,
        kind               varchar(32) NOT NULL CHECK (kind IN ('ACCIDENTAL_DEATH_DISABILITY', 'SUDDEN_ILLNESS_DEATH', 'ACCIDENTAL_MEDICAL', 'HOSPITAL_ALLOWANCE', 'THIRD_PARTY_LIABILITY')),
        name               varchar(50) NOT NULL,
        amount             numeric(12, 2) NOT NULL CHECK (amount > 0),
        deductible         numeric(10, 2) CHECK (deductible >= 0),
        reimbursement_rate numeric(3, 2) CHECK (reimbursement_rate > 0 AND reimbursement_rate <= 1),
        max_days           int CHECK (max_days > 0),
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        UNIQUE (plan_id, kind),
        UNIQUE (plan_id, position)
      );

      -- A batch is claimed (inserted) first in the transaction that processes it: a concurrent
      -- retry of the same batch id waits on the unique index, then finds it taken and answers
      -- with the stored results once they are committed.
      CREATE TABLE enrolment_batches (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        batch_id     varchar(64) NOT NULL UNIQUE,
        plan_id      bigint NOT NULL REFERENCES insurance_plans (id),
        content_hash char(64) NOT NULL,
        item_count   int NOT NULL CHECK (item_count BETWEEN 1 AND 1000),
        results      jsonb NOT NULL DEFAULT '[]',
        submitted_by varchar(128) NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE enrolments (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        volunteer_id  bigint NOT NULL,
        volunteer_no  varchar(20) NOT NULL,
        plan_id       bigint NOT NULL REFERENCES insurance_plans (id),
        policy_number varchar(40) NOT NULL,
        cover_start   date NOT NULL,
        cover_end     date NOT NULL,
        status        varchar(10) NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'CANCELLED')),
        batch_id      varchar(64) NOT NULL REFERENCES enrolment_batches (batch_id),
        batch_item    int NOT NULL,
        enrolled_by   varchar(128) NOT NULL,
        cancelled_at  timestamptz,
        cancelled_by  varchar(128),
        cancel_reason text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CHECK (cover_end >= cover_start),
        CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL)),
        UNIQUE (batch_id, batch_item),
        -- The rule retries rely on: never two live enrolments of one volunteer in one plan with
        -- overlapping cover, whatever batches (or concurrent requests) they come from. Inserts use
        -- ON CONFLICT DO NOTHING, which waits for a concurrent writer of a conflicting row and
        -- then skips the row: the item is ALREADY_ENROLLED.
        CONSTRAINT enrolments_no_overlap EXCLUDE USING gist (
          volunteer_id WITH =, plan_id WITH =, daterange(cover_start, cover_end, '[]') WITH &&
        ) WHERE (status = 'ACTIVE')
      );
      -- The insurer's policy numbers identify one volunteer's live cover.
      CREATE UNIQUE INDEX enrolments_policy_number_live ON enrolments (policy_number) WHERE status = 'ACTIVE';
      CREATE INDEX enrolments_volunteer_idx ON enrolments (volunteer_id, cover_start);
      CREATE INDEX enrolments_volunteer_no_idx ON enrolments (volunteer_no, cover_start);
      CREATE INDEX enrolments_plan_idx ON enrolments (plan_id, id);
      CREATE INDEX enrolments_cover_end_idx ON enrolments (cover_end, cover_start) WHERE status = 'ACTIVE';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE enrolments, enrolment_batches, plan_cover_items, insurance_plans`);
  }
}
