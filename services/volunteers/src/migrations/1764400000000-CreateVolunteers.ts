import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Regions, volunteers, teams with memberships, and service stations. */
export class CreateVolunteers1764400000000 implements MigrationInterface {
  name = 'CreateVolunteers1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE regions (
        code        varchar(12) PRIMARY KEY,
        name        varchar(64) NOT NULL,
        level       varchar(8)  NOT NULL CHECK (level IN ('CITY', 'COUNTY', 'TOWN', 'VILLAGE')),
        parent_code varchar(12) REFERENCES regions (code),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CHECK ((level = 'CITY') = (parent_code IS NULL))
      );
      CREATE INDEX regions_parent_idx ON regions (parent_code);
      CREATE INDEX regions_level_idx ON regions (level);

      CREATE SEQUENCE volunteer_no_seq START 1;
      CREATE TABLE volunteers (
        id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        volunteer_no        varchar(16) NOT NULL UNIQUE
                            DEFAULT 'ZB' || lpad(nextval('volunteer_no_seq')::text, 8, '0'),
        name                varchar(50) NOT NULL,
        gender              varchar(6)  NOT NULL CHECK (gender IN ('MALE', 'FEMALE')),
        birth_date          date        NOT NULL,
        region_code         varchar(12) NOT NULL REFERENCES regions (code),
        skills              text[]      NOT NULL DEFAULT '{}',
        id_number_encrypted bytea       NOT NULL,
        id_number_hash      char(64)    NOT NULL,
        id_number_masked    char(18)    NOT NULL,
        phone_encrypted     bytea,
        phone_hash          char(64),
        phone_masked        varchar(11),
        account_sub         varchar(128) UNIQUE,
        status              varchar(10) NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED', 'WITHDRAWN')),
        registered_at       timestamptz NOT NULL DEFAULT now(),
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX volunteers_id_number_hash_key ON volunteers (id_number_hash);
      CREATE INDEX volunteers_region_idx ON volunteers (region_code varchar_pattern_ops, id);
      CREATE INDEX volunteers_phone_hash_idx ON volunteers (phone_hash);
      CREATE INDEX volunteers_skills_idx ON volunteers USING gin (skills);

      CREATE TABLE teams (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name        varchar(100) NOT NULL,
        level       varchar(8)   NOT NULL CHECK (level IN ('CITY', 'COUNTY', 'TOWN', 'VILLAGE')),
        region_code varchar(12)  NOT NULL REFERENCES regions (code),
        parent_id   bigint REFERENCES teams (id),
        description text,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        UNIQUE (region_code, name)
      );
      CREATE INDEX teams_parent_idx ON teams (parent_id);

      CREATE TABLE team_memberships (
        team_id      bigint      NOT NULL REFERENCES teams (id),
        volunteer_id bigint      NOT NULL REFERENCES volunteers (id),
        role         varchar(14) NOT NULL DEFAULT 'MEMBER' CHECK (role IN ('LEADER', 'DEPUTY_LEADER', 'MEMBER')),
        joined_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, volunteer_id)
      );
      CREATE INDEX team_memberships_volunteer_idx ON team_memberships (volunteer_id);
      CREATE UNIQUE INDEX team_memberships_one_leader ON team_memberships (team_id) WHERE role = 'LEADER';

      CREATE TABLE stations (
        id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name              varchar(100) NOT NULL,
        kind              varchar(16)  NOT NULL CHECK (kind IN ('SCENIC_SPOT', 'STREET_MARKET', 'CULTURAL_VENUE', 'TRANSPORT_HUB', 'PARK_SQUARE', 'COMMUNITY')),
        lat               double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lng               double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
        address           varchar(200) NOT NULL,
        region_code       varchar(12)  NOT NULL REFERENCES regions (code),
        opening_hours     varchar(100),
        operating_team_id bigint REFERENCES teams (id),
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX stations_lat_lng_idx ON stations (lat, lng);
      CREATE INDEX stations_region_idx ON stations (region_code varchar_pattern_ops);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE stations, team_memberships, teams, volunteers, regions; DROP SEQUENCE volunteer_no_seq;');
  }
}
