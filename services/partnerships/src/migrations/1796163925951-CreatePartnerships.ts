import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partnerships (益企联建): enterprises and social organisations (with their service types and
 * volunteers), partnership orders with their history and the services delivered (and an outbox
 * of the service records still to write in the projects subgraph), the service-package catalogue
 * for new-employment groups and where it is offered, new-employment volunteers and their 随手拍
 * reports, and community funds with their ledger. Volunteer, station, region, service-request and
 * project ids refer to other subgraphs: no foreign keys cross services.
 */
export class CreatePartnerships1796163925951 implements MigrationInterface {
  name = 'CreatePartnerships1796163925951';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE enterprises (
        id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name                   varchar(100) NOT NULL,
        credit_code            char(18) NOT NULL UNIQUE,
        region_code            varchar(12) NOT NULL,
        address                varchar(200),
        contact_name           varchar(50),
        contact_phone_encrypted bytea,
        contact_phone_masked   varchar(11),
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX enterprises_region_idx ON enterprises (region_code varchar_pattern_ops);

      CREATE TABLE social_organizations (
        id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name                   varchar(100) NOT NULL,
        credit_code            char(18) NOT NULL UNIQUE,
        region_code            varchar(12) NOT NULL,
        address                varchar(200),
        contact_name           varchar(50),
        contact_phone_encrypted bytea,
        contact_phone_masked   varchar(11),
        service_types          text[] NOT NULL CHECK (cardinality(service_types) > 0),
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX social_organizations_region_idx ON social_organizations (region_code varchar_pattern_ops);
      CREATE INDEX social_organizations_types_idx ON social_organizations USING gin (service_types);

      CREATE TABLE organization_volunteers (
        organization_id bigint NOT NULL REFERENCES social_organizations (id),
        volunteer_id    bigint NOT NULL,
        added_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, volunteer_id)
      );
      CREATE INDEX organization_volunteers_volunteer_idx ON organization_volunteers (volunteer_id);

      CREATE TABLE partnership_orders (
        id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        enterprise_id          bigint NOT NULL REFERENCES enterprises (id),
        service_type           varchar(32) NOT NULL,
        title                  varchar(100) NOT NULL,
        description            text,
        wanted_from            date NOT NULL,
        wanted_to              date NOT NULL,
        headcount              int NOT NULL CHECK (headcount BETWEEN 1 AND 500),
        place                  varchar(200) NOT NULL,
        region_code            varchar(12) NOT NULL,
        status                 varchar(10) NOT NULL DEFAULT 'ORDERED' CHECK (status IN ('ORDERED', 'DISPATCHED', 'ACCEPTED', 'SCHEDULED', 'DELIVERED', 'RATED', 'CANCELLED')),
        social_organization_id bigint REFERENCES social_organizations (id),
        scheduled_at           timestamptz,
        delivered_on           date,
        rating                 smallint CHECK (rating BETWEEN 1 AND 5),
        rating_comment         text,
        ordered_at             timestamptz NOT NULL DEFAULT now(),
        accepted_at            timestamptz,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        CHECK (wanted_to >= wanted_from),
        -- Dispatched and later: an organisation is named.
        CHECK (status IN ('ORDERED', 'CANCELLED') OR social_organization_id IS NOT NULL)
      );
      CREATE INDEX partnership_orders_enterprise_idx ON partnership_orders (enterprise_id, id DESC);
      CREATE INDEX partnership_orders_organization_idx ON partnership_orders (social_organization_id, id DESC);
      CREATE INDEX partnership_orders_status_idx ON partnership_orders (status, id DESC);
      CREATE INDEX partnership_orders_region_idx ON partnership_orders (region_code varchar_pattern_ops, id DESC);

      CREATE TABLE partnership_order_events (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        order_id    bigint NOT NULL REFERENCES partnership_orders (id),
        from_status varchar(10),
        to_status   varchar(10) NOT NULL,
        action      varchar(10) NOT NULL,
        actor_sub   varchar(128) NOT NULL,
        actor_role  varchar(24) NOT NULL,
        note        text,
        at          timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX partnership_order_events_order_idx ON partnership_order_events (order_id, id);

      -- Who served on a delivered order; service_record_id is filled once the projects subgraph
      -- wrote the record (rows with it null are the outbox a worker keeps pushing, idempotently).
      CREATE TABLE partnership_services (
        order_id          bigint NOT NULL REFERENCES partnership_orders (id),
        volunteer_id      bigint NOT NULL,
        hours             numeric(4, 1) NOT NULL CHECK (hours > 0 AND hours <= 24 AND hours * 2 = floor(hours * 2)),
        service_record_id bigint,
        attempts          int NOT NULL DEFAULT 0,
        last_error        text,
        created_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (order_id, volunteer_id)
      );
      CREATE INDEX partnership_services_volunteer_idx ON partnership_services (volunteer_id);
      CREATE INDEX partnership_services_outbox_idx ON partnership_services (created_at) WHERE service_record_id IS NULL;

      CREATE TABLE service_packages (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name        varchar(100) NOT NULL UNIQUE,
        category    varchar(12) NOT NULL CHECK (category IN ('LEGAL', 'EMPLOYMENT', 'HEALTH', 'REST_STOP', 'SKILLS', 'FAMILY')),
        description text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE package_offers (
        id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind                   varchar(12) NOT NULL CHECK (kind IN ('SHOP', 'STATION', 'ORGANIZATION')),
        name                   varchar(100) NOT NULL,
        address                varchar(200) NOT NULL,
        lat                    double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lng                    double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
        station_id             bigint,
        social_organization_id bigint REFERENCES social_organizations (id),
        created_at             timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'STATION') = (station_id IS NOT NULL)),
        CHECK ((kind = 'ORGANIZATION') = (social_organization_id IS NOT NULL))
      );
      CREATE INDEX package_offers_lat_lng_idx ON package_offers (lat, lng);
      CREATE TABLE package_offer_packages (
        offer_id   bigint NOT NULL REFERENCES package_offers (id),
        package_id bigint NOT NULL REFERENCES service_packages (id),
        PRIMARY KEY (offer_id, package_id)
      );
      CREATE INDEX package_offer_packages_package_idx ON package_offer_packages (package_id);

      CREATE TABLE new_employment_volunteers (
        volunteer_id bigint PRIMARY KEY,
        occupation   varchar(20) NOT NULL CHECK (occupation IN ('COURIER', 'DELIVERY_RIDER', 'RIDE_HAILING_DRIVER', 'TRUCK_DRIVER')),
        marked_by    varchar(128) NOT NULL,
        marked_at    timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE snapshot_reports (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        volunteer_id bigint NOT NULL REFERENCES new_employment_volunteers (volunteer_id),
        description  varchar(500) NOT NULL,
        lat          double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lng          double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
        reported_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX snapshot_reports_volunteer_idx ON snapshot_reports (volunteer_id);

      -- Amounts in fen (integers): no rounding ever; the balance can never go below zero.
      CREATE TABLE community_funds (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name         varchar(100) NOT NULL,
        region_code  varchar(12) NOT NULL UNIQUE,
        balance_fen  bigint NOT NULL DEFAULT 0 CHECK (balance_fen >= 0),
        raised_fen   bigint NOT NULL DEFAULT 0 CHECK (raised_fen >= 0),
        granted_fen  bigint NOT NULL DEFAULT 0 CHECK (granted_fen >= 0),
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        CHECK (balance_fen = raised_fen - granted_fen)
      );
      CREATE INDEX community_funds_region_idx ON community_funds (region_code varchar_pattern_ops);

      CREATE TABLE fund_movements (
        id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        fund_id            bigint NOT NULL REFERENCES community_funds (id),
        kind               varchar(10) NOT NULL CHECK (kind IN ('DONATION', 'GRANT')),
        amount_fen         bigint NOT NULL CHECK (amount_fen > 0),
        balance_after_fen  bigint NOT NULL CHECK (balance_after_fen >= 0),
        donor_kind         varchar(10) CHECK (donor_kind IN ('ENTERPRISE', 'PERSON')),
        enterprise_id      bigint REFERENCES enterprises (id),
        donor_name         varchar(100),
        service_request_id bigint,
        project_id         bigint,
        reason             text,
        by_sub             varchar(128) NOT NULL,
        at                 timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'DONATION') = (donor_kind IS NOT NULL)),
        CHECK (kind = 'DONATION' OR (service_request_id IS NULL) <> (project_id IS NULL))
      );
      CREATE INDEX fund_movements_fund_idx ON fund_movements (fund_id, id DESC);
      CREATE INDEX fund_movements_request_idx ON fund_movements (service_request_id) WHERE service_request_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // Forward only in production; this undoes it on a throw-away database.
    await q.query(`DROP TABLE fund_movements, community_funds, snapshot_reports, new_employment_volunteers, package_offer_packages, package_offers,
      service_packages, partnership_services, partnership_order_events, partnership_orders, organization_volunteers, social_organizations, enterprises`);
  }
}
