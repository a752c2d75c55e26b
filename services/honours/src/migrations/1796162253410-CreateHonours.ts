import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Honours: what the projects feed credited (per volunteer and per record), the points ledger with
 * its earning lots (for expiry oldest first) and accounts, versioned points rules, star
 * certifications, commendations, redemption points with their catalogues, and redemptions.
 * Volunteer, team, project, station and record ids refer to other subgraphs: no foreign keys cross
 * services.
 */
export class CreateHonours1796162253410 implements MigrationInterface {
  name = 'CreateHonours1796162253410';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Where the consumer of the projects feed stands: updated in the same transaction as the
      -- credits it made, so a crash never loses or repeats a change.
      CREATE TABLE feed_cursors (
        feed          varchar(40) PRIMARY KEY,
        last_sequence bigint NOT NULL DEFAULT 0 CHECK (last_sequence >= 0),
        updated_at    timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO feed_cursors (feed) VALUES ('service-records');

      -- Hours as credited (they never expire), and the volunteer's region for candidates and dashboards.
      CREATE TABLE volunteer_hours (
        volunteer_id bigint PRIMARY KEY,
        hours        numeric(9, 1) NOT NULL DEFAULT 0 CHECK (hours >= 0),
        region_code  varchar(12),
        updated_at   timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX volunteer_hours_region_idx ON volunteer_hours (region_code varchar_pattern_ops, hours DESC);

      -- The current credit of each record (its latest version): a correction credits the difference.
      CREATE TABLE record_credits (
        record_id     bigint PRIMARY KEY,
        volunteer_id  bigint NOT NULL,
        service_date  date NOT NULL,
        theme         varchar(32) NOT NULL,
        hours         numeric(6, 1) NOT NULL CHECK (hours >= 0),
        points        integer NOT NULL CHECK (points >= 0),
        last_sequence bigint NOT NULL,
        updated_at    timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE points_rules (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        effective_from date NOT NULL UNIQUE,
        points_per_hour numeric(8, 2) NOT NULL CHECK (points_per_hour BETWEEN 0 AND 1000),
        created_by     varchar(128) NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE points_rule_coefficients (
        rule_id     bigint NOT NULL REFERENCES points_rules (id),
        theme       varchar(32) NOT NULL,
        coefficient numeric(5, 2) NOT NULL CHECK (coefficient BETWEEN 0 AND 10),
        PRIMARY KEY (rule_id, theme)
      );

      -- One row per volunteer with points: the balance is the sum of the ledger, never negative.
      CREATE TABLE points_accounts (
        volunteer_id bigint PRIMARY KEY,
        balance      integer NOT NULL DEFAULT 0 CHECK (balance >= 0),
        earned       integer NOT NULL DEFAULT 0 CHECK (earned >= 0),
        spent        integer NOT NULL DEFAULT 0,
        expired      integer NOT NULL DEFAULT 0 CHECK (expired >= 0),
        updated_at   timestamptz NOT NULL DEFAULT now()
      );

      -- Points earned, by when they expire: spending and expiry take the oldest first.
      CREATE TABLE points_lots (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        volunteer_id bigint NOT NULL,
        earned_on    date NOT NULL,
        expires_on   date NOT NULL,
        amount       integer NOT NULL CHECK (amount > 0),
        remaining    integer NOT NULL CHECK (remaining BETWEEN 0 AND amount),
        record_id    bigint,
        created_at   timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX points_lots_open_idx ON points_lots (volunteer_id, expires_on, id) WHERE remaining > 0;
      CREATE INDEX points_lots_expiry_idx ON points_lots (expires_on) WHERE remaining > 0;

      CREATE TABLE redemption_points (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name          varchar(100) NOT NULL,
        kind          varchar(20) NOT NULL CHECK (kind IN ('VIRTUE_SUPERMARKET', 'LOVE_STATION')),
        operator      varchar(100) NOT NULL,
        lat           double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lng           double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
        address       varchar(200) NOT NULL,
        region_code   varchar(12) NOT NULL,
        opening_hours varchar(100),
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX redemption_points_lat_lng_idx ON redemption_points (lat, lng);
      CREATE INDEX redemption_points_region_idx ON redemption_points (region_code varchar_pattern_ops);

      CREATE TABLE catalogue_items (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        point_id    bigint NOT NULL REFERENCES redemption_points (id),
        name        varchar(100) NOT NULL,
        kind        varchar(10) NOT NULL CHECK (kind IN ('GOODS', 'SERVICE')),
        points_cost integer NOT NULL CHECK (points_cost > 0),
        -- NULL: a service without a limit. Never below zero, whatever the code does.
        stock       integer CHECK (stock >= 0),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        UNIQUE (point_id, name)
      );

      CREATE TABLE redemptions (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        volunteer_id    bigint NOT NULL,
        point_id        bigint NOT NULL REFERENCES redemption_points (id),
        item_id         bigint NOT NULL REFERENCES catalogue_items (id),
        quantity        integer NOT NULL CHECK (quantity BETWEEN 1 AND 100),
        points          integer NOT NULL CHECK (points > 0),
        idempotency_key varchar(64) NOT NULL,
        status          varchar(10) NOT NULL DEFAULT 'REDEEMED' CHECK (status IN ('REDEEMED', 'REFUNDED')),
        redeemed_by     varchar(128) NOT NULL,
        redeemed_at     timestamptz NOT NULL DEFAULT now(),
        refunded_at     timestamptz,
        refunded_by     varchar(128),
        refund_reason   text,
        UNIQUE (volunteer_id, idempotency_key)
      );
      CREATE INDEX redemptions_point_idx ON redemptions (point_id, redeemed_at);

      -- Every movement of points (append-only). source_sequence: the feed change it came from, so
      -- the database itself refuses crediting one change twice.
      CREATE TABLE points_ledger (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        volunteer_id    bigint NOT NULL,
        kind            varchar(12) NOT NULL CHECK (kind IN ('RECORD', 'CORRECTION', 'REDEMPTION', 'REFUND', 'EXPIRY', 'ADJUSTMENT')),
        points          integer NOT NULL,
        balance_after   integer NOT NULL CHECK (balance_after >= 0),
        record_id       bigint,
        source_sequence bigint UNIQUE,
        redemption_id   bigint REFERENCES redemptions (id),
        reason          text,
        by_sub          varchar(128),
        at              timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX points_ledger_volunteer_idx ON points_ledger (volunteer_id, id DESC);
      CREATE INDEX points_ledger_at_idx ON points_ledger (at);

      CREATE TABLE star_certifications (
        id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        certificate_no     varchar(40) NOT NULL UNIQUE,
        volunteer_id       bigint NOT NULL,
        volunteer_no       varchar(20) NOT NULL,
        level              smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
        issued_on          date NOT NULL,
        issuer_level       varchar(8) NOT NULL CHECK (issuer_level IN ('COUNTY', 'CITY', 'PROVINCE')),
        issuer_region_code varchar(12) NOT NULL,
        issued_by          varchar(128) NOT NULL,
        hours_at_issue     numeric(9, 1) NOT NULL,
        revoked_at         timestamptz,
        revoked_by         varchar(128),
        revoke_reason      text,
        created_at         timestamptz NOT NULL DEFAULT now(),
        CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
      );
      -- One live certificate per volunteer and level.
      CREATE UNIQUE INDEX star_certifications_one_live ON star_certifications (volunteer_id, level) WHERE revoked_at IS NULL;
      CREATE SEQUENCE star_certificate_no_seq;

      CREATE TABLE commendations (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        title         varchar(100) NOT NULL,
        year          int NOT NULL CHECK (year BETWEEN 1990 AND 2100),
        level         varchar(10) NOT NULL CHECK (level IN ('COUNTY', 'CITY', 'PROVINCE', 'NATIONAL')),
        citation      text,
        awarding_body varchar(100) NOT NULL,
        awardee_kind  varchar(10) NOT NULL CHECK (awardee_kind IN ('VOLUNTEER', 'TEAM', 'PROJECT', 'STATION')),
        awardee_id    bigint NOT NULL,
        region_code   varchar(12) NOT NULL,
        recorded_by   varchar(128) NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        UNIQUE (awardee_kind, awardee_id, title, year)
      );
      CREATE INDEX commendations_awardee_idx ON commendations (awardee_kind, awardee_id);
      CREATE INDEX commendations_year_idx ON commendations (year DESC, id DESC);
      CREATE INDEX commendations_region_idx ON commendations (region_code varchar_pattern_ops);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // Forward only in production; this undoes it on a throw-away database.
    await q.query(`DROP TABLE commendations, star_certifications, points_ledger, redemptions, catalogue_items, redemption_points,
      points_lots, points_accounts, points_rule_coefficients, points_rules, record_credits, volunteer_hours, feed_cursors; DROP SEQUENCE star_certificate_no_seq`);
  }
}
