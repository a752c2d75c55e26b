import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Brands, projects (awards, demonstration library history), activities, sign-ups, service records
 * (with corrections and a gapless change feed), and service requests (the five-order loop).
 * Volunteer, team and station ids refer to the volunteers subgraph: no foreign keys cross services.
 */
export class CreateProjects1764500000000 implements MigrationInterface {
  name = 'CreateProjects1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE brands (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name        varchar(50)  NOT NULL UNIQUE,
        kind        varchar(8)   NOT NULL CHECK (kind IN ('REGIONAL', 'PROJECT')),
        description text,
        region_code varchar(12),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE projects (
        id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name                      varchar(100) NOT NULL,
        brand_id                  bigint REFERENCES brands (id),
        team_id                   bigint NOT NULL,
        theme                     varchar(32) NOT NULL,
        description               text,
        region_code               varchar(12) NOT NULL,
        in_demonstration_library  boolean NOT NULL DEFAULT false,
        created_at                timestamptz NOT NULL DEFAULT now(),
        updated_at                timestamptz NOT NULL DEFAULT now(),
        UNIQUE (team_id, name)
      );
      CREATE INDEX projects_brand_idx ON projects (brand_id);
      CREATE INDEX projects_region_idx ON projects (region_code varchar_pattern_ops);

      CREATE TABLE project_awards (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        project_id bigint NOT NULL REFERENCES projects (id),
        title      varchar(100) NOT NULL,
        rank       varchar(20)  NOT NULL,
        level      varchar(10)  NOT NULL CHECK (level IN ('NATIONAL', 'PROVINCIAL', 'CITY', 'COUNTY')),
        year       int NOT NULL CHECK (year BETWEEN 1990 AND 2100),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (project_id, title, year)
      );

      CREATE TABLE demonstration_library_changes (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        project_id bigint NOT NULL REFERENCES projects (id),
        action     varchar(8) NOT NULL CHECK (action IN ('ADDED', 'REMOVED')),
        reason     text NOT NULL,
        by_sub     varchar(128) NOT NULL,
        at         timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX demonstration_library_changes_project_idx ON demonstration_library_changes (project_id, at);

      CREATE TABLE activities (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        project_id    bigint NOT NULL REFERENCES projects (id),
        station_id    bigint NOT NULL,
        title         varchar(100) NOT NULL,
        description   text,
        theme         varchar(32) NOT NULL,
        region_code   varchar(12) NOT NULL,
        starts_at     timestamptz NOT NULL,
        ends_at       timestamptz NOT NULL,
        capacity      int NOT NULL CHECK (capacity > 0),
        signup_count  int NOT NULL DEFAULT 0,
        status        varchar(10) NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED', 'CANCELLED', 'COMPLETED')),
        cancel_reason text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at),
        -- Never over capacity, whatever the code does.
        CHECK (signup_count BETWEEN 0 AND capacity)
      );
      CREATE INDEX activities_station_idx ON activities (station_id, starts_at);
      CREATE INDEX activities_project_idx ON activities (project_id, starts_at);
      CREATE INDEX activities_starts_idx ON activities (starts_at, id);
      CREATE INDEX activities_region_idx ON activities (region_code varchar_pattern_ops);

      CREATE TABLE signups (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        activity_id    bigint NOT NULL REFERENCES activities (id),
        volunteer_id   bigint NOT NULL,
        status         varchar(12) NOT NULL DEFAULT 'SIGNED_UP' CHECK (status IN ('SIGNED_UP', 'CHECKED_IN', 'CHECKED_OUT', 'CANCELLED')),
        signed_up_at   timestamptz NOT NULL DEFAULT now(),
        checked_in_at  timestamptz,
        checked_out_at timestamptz,
        cancelled_at   timestamptz,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now()
      );
      -- One live sign-up per volunteer and activity; cancelled ones stay as history.
      CREATE UNIQUE INDEX signups_one_live ON signups (activity_id, volunteer_id) WHERE status <> 'CANCELLED';
      CREATE INDEX signups_volunteer_idx ON signups (volunteer_id);

      CREATE TABLE service_records (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        signup_id        bigint NOT NULL UNIQUE REFERENCES signups (id),
        activity_id      bigint NOT NULL REFERENCES activities (id),
        volunteer_id     bigint NOT NULL,
        service_date     date NOT NULL,
        place            varchar(300) NOT NULL,
        served_party     varchar(100) NOT NULL,
        content          text NOT NULL,
        hours            numeric(6, 1) NOT NULL CHECK (hours >= 0 AND hours * 2 = floor(hours * 2)),
        evaluation       text,
        person_in_charge varchar(50) NOT NULL,
        recorded_by      varchar(128) NOT NULL,
        recorded_at      timestamptz NOT NULL DEFAULT now(),
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX service_records_volunteer_idx ON service_records (volunteer_id, service_date DESC, id DESC);
      -- Records are never deleted: an attempt fails loudly (corrections keep the history instead).
      CREATE FUNCTION refuse_service_record_delete() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'service records are never deleted (record %)', OLD.id USING ERRCODE = 'restrict_violation'; END $$;
      CREATE TRIGGER service_records_no_delete BEFORE DELETE ON service_records FOR EACH ROW EXECUTE FUNCTION refuse_service_record_delete();

      CREATE TABLE service_record_corrections (
        id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        record_id           bigint NOT NULL REFERENCES service_records (id),
        reason              text NOT NULL,
        corrected_by        varchar(128) NOT NULL,
        corrected_at        timestamptz NOT NULL DEFAULT now(),
        previous_hours      numeric(6, 1) NOT NULL,
        previous_content    text NOT NULL,
        previous_evaluation text
      );
      CREATE INDEX service_record_corrections_record_idx ON service_record_corrections (record_id, corrected_at);

      -- The change feed. Sequence numbers come from a one-row counter updated in the writing
      -- transaction: its row lock makes writers take numbers in commit order, so a reader that has
      -- seen N never later finds a smaller number appear (a plain sequence would allow that).
      CREATE TABLE service_record_feed_counter (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), last_sequence bigint NOT NULL);
      INSERT INTO service_record_feed_counter VALUES (true, 0);
      CREATE TABLE service_record_changes (
        sequence     bigint PRIMARY KEY,
        record_id    bigint NOT NULL REFERENCES service_records (id),
        volunteer_id bigint NOT NULL,
        kind         varchar(10) NOT NULL CHECK (kind IN ('CREATED', 'CORRECTED')),
        hours        numeric(6, 1) NOT NULL,
        hours_delta  numeric(7, 1) NOT NULL,
        at           timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE service_requests (
        id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind                   varchar(10) NOT NULL CHECK (kind IN ('SERVICE', 'MICRO_WISH')),
        title                  varchar(100) NOT NULL,
        description            text,
        address                varchar(200) NOT NULL,
        region_code            varchar(12) NOT NULL,
        status                 varchar(10) NOT NULL DEFAULT 'ORDERED' CHECK (status IN ('ORDERED', 'DISPATCHED', 'FUNDED', 'ACCEPTED', 'COMPLETED', 'RATED', 'CANCELLED')),
        requester_sub          varchar(128),
        tracking_code_hash     char(64),
        contact_phone_encrypted bytea,
        contact_phone_masked   varchar(11),
        team_id                bigint,
        funding_amount         numeric(12, 2) CHECK (funding_amount >= 0),
        accepted_by            bigint,
        rating                 smallint CHECK (rating BETWEEN 1 AND 5),
        rating_comment         text,
        ordered_at             timestamptz NOT NULL DEFAULT now(),
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        CHECK (requester_sub IS NOT NULL OR (tracking_code_hash IS NOT NULL AND contact_phone_encrypted IS NOT NULL))
      );
      CREATE INDEX service_requests_status_idx ON service_requests (status, id);
      CREATE INDEX service_requests_team_idx ON service_requests (team_id, status);
      CREATE INDEX service_requests_requester_idx ON service_requests (requester_sub);

      CREATE TABLE service_request_events (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        request_id  bigint NOT NULL REFERENCES service_requests (id),
        from_status varchar(10),
        to_status   varchar(10) NOT NULL,
        actor_sub   varchar(128),
        actor_role  varchar(24) NOT NULL,
        note        text,
        at          timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX service_request_events_request_idx ON service_request_events (request_id, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE service_request_events, service_requests, service_record_changes, service_record_feed_counter,
      service_record_corrections, service_records, signups, activities, demonstration_library_changes, project_awards, projects, brands;
      DROP FUNCTION refuse_service_record_delete`);
  }
}
