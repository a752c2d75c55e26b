import { DateScalar, DateTimeScalar } from '@vg/graphql';
import type { Resolvers } from '../generated/graphql';
import { Awardee } from './Awardee';
import { CatalogueItem } from './CatalogueItem';
import { Commendation } from './Commendation';
import { Mutation } from './Mutation';
import { PointsAccount } from './PointsAccount';
import { PointsLedgerEntry } from './PointsLedgerEntry';
import { PointsRule } from './PointsRule';
import { Project } from './Project';
import { Query } from './Query';
import { Redemption } from './Redemption';
import { RedemptionPoint } from './RedemptionPoint';
import { StarCandidate } from './StarCandidate';
import { StarCertificateVerification } from './StarCertificateVerification';
import { StarCertification } from './StarCertification';
import { Station } from './Station';
import { Team } from './Team';
import { Volunteer } from './Volunteer';

/** One resolver map per GraphQL type (resolvers/<Type>.ts). */
export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Volunteer,
  Team,
  Project,
  Station,
  PointsAccount,
  PointsLedgerEntry,
  PointsRule,
  StarCertification,
  StarCertificateVerification,
  StarCandidate,
  Commendation,
  Awardee,
  RedemptionPoint,
  CatalogueItem,
  Redemption,
};
