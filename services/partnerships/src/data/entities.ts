import { CreatePartnerships1796163925951 } from '../migrations/1796163925951-CreatePartnerships';
// Organisations and orders
import { Enterprise } from './enterprise.entity';
import { OrganizationVolunteer } from './organization-volunteer.entity';
import { PartnershipOrder } from './partnership-order.entity';
import { PartnershipOrderEvent } from './partnership-order-event.entity';
import { SocialOrganization } from './social-organization.entity';
// Deliveries (service records through the projects subgraph)
import { PartnershipService } from './partnership-service.entity';
// New-employment groups and community funds
import { CommunityFund } from './community-fund.entity';
import { FundMovement } from './fund-movement.entity';
import { NewEmploymentVolunteer } from './new-employment-volunteer.entity';
import { PackageOffer } from './package-offer.entity';
import { ServicePackage } from './service-package.entity';
import { SnapshotReport } from './snapshot-report.entity';
import { PersonalDataReads1796190000000 } from '../migrations/1796190000000-PersonalDataReads';
import { DerivedContactPhoneMasks1796200000000 } from '../migrations/1796200000000-DerivedContactPhoneMasks';

/** Everything this service's DataSource maps. */
export const entities = [
  Enterprise,
  SocialOrganization,
  OrganizationVolunteer,
  PartnershipOrder,
  PartnershipOrderEvent,
  PartnershipService,
  ServicePackage,
  PackageOffer,
  NewEmploymentVolunteer,
  SnapshotReport,
  CommunityFund,
  FundMovement,
];
/** Every migration, oldest first. */
export const migrations = [CreatePartnerships1796163925951, PersonalDataReads1796190000000, DerivedContactPhoneMasks1796200000000];
