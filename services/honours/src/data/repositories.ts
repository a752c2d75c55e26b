import type { EntityManager } from 'typeorm';
import { CertificationRepository } from './certification.repository';
import { CommendationRepository } from './commendation.repository';
import { DashboardRepository } from './dashboard.repository';
import { FeedRepository } from './feed.repository';
import { PointsRepository } from './points.repository';
import { RedemptionPointRepository } from './redemption-point.repository';
import { RedemptionRepository } from './redemption.repository';

/** The service's repositories, bound to one EntityManager (the pool, or a request's transaction). */
export interface Repositories {
  /** The feed cursor, record credits and hours per volunteer. */
  feed: FeedRepository;
  /** Rules, accounts, lots and the ledger. */
  points: PointsRepository;
  certifications: CertificationRepository;
  commendations: CommendationRepository;
  dashboards: DashboardRepository;
  redemptionPoints: RedemptionPointRepository;
  redemptions: RedemptionRepository;
}

export function repositoriesFor(manager: EntityManager): Repositories {
  return {
    feed: new FeedRepository(manager),
    points: new PointsRepository(manager),
    certifications: new CertificationRepository(manager),
    commendations: new CommendationRepository(manager),
    dashboards: new DashboardRepository(manager),
    redemptionPoints: new RedemptionPointRepository(manager),
    redemptions: new RedemptionRepository(manager),
  };
}
