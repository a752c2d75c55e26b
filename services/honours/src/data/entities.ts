import { CreateHonours1796162253410 } from '../migrations/1796162253410-CreateHonours';
import { DefaultPointsRule1796162253420 } from '../migrations/1796162253420-DefaultPointsRule';
// The points loop (feed consumer, rules, ledger)
import { FeedCursor } from './feed-cursor.entity';
import { PointsAccount } from './points-account.entity';
import { PointsLedgerEntry } from './points-ledger-entry.entity';
import { PointsLot } from './points-lot.entity';
import { PointsRule } from './points-rule.entity';
import { PointsRuleCoefficient } from './points-rule-coefficient.entity';
import { RecordCredit } from './record-credit.entity';
import { VolunteerHours } from './volunteer-hours.entity';
// Certifications and commendations
import { Commendation } from './commendation.entity';
import { StarCertification } from './star-certification.entity';
// Redemption points
import { CatalogueItem } from './catalogue-item.entity';
import { Redemption } from './redemption.entity';
import { RedemptionPoint } from './redemption-point.entity';

/** Everything this service's DataSource maps. */
export const entities = [
  FeedCursor,
  VolunteerHours,
  RecordCredit,
  PointsRule,
  PointsRuleCoefficient,
  PointsAccount,
  PointsLot,
  PointsLedgerEntry,
  StarCertification,
  Commendation,
  RedemptionPoint,
  CatalogueItem,
  Redemption,
];
/** Every migration, oldest first. */
export const migrations = [CreateHonours1796162253410, DefaultPointsRule1796162253420];
