import { DateScalar, DateTimeScalar } from '@vg/graphql';
import type { Resolvers } from '../generated/graphql';
import { CommunityFund } from './CommunityFund';
import { Enterprise } from './Enterprise';
import { FundMovement } from './FundMovement';
import { Mutation } from './Mutation';
import { NewEmploymentProfile } from './NewEmploymentProfile';
import { PackageOffer } from './PackageOffer';
import { PartnershipOrder } from './PartnershipOrder';
import { PartnershipService } from './PartnershipService';
import { PersonalDataAudit } from './PersonalDataAudit';
import { Query } from './Query';
import { Region } from './Region';
import { ServicePackage } from './ServicePackage';
import { ServiceRequest } from './ServiceRequest';
import { SnapshotReport } from './SnapshotReport';
import { SocialOrganization } from './SocialOrganization';
import { Volunteer } from './Volunteer';

/** One resolver map per GraphQL type (resolvers/<Type>.ts). */
export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  PersonalDataAudit,
  Volunteer,
  Region,
  ServiceRequest,
  Enterprise,
  SocialOrganization,
  PartnershipOrder,
  PartnershipService,
  ServicePackage,
  PackageOffer,
  NewEmploymentProfile,
  SnapshotReport,
  CommunityFund,
  FundMovement,
};
