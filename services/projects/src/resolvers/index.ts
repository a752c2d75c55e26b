import { DateScalar, DateTimeScalar } from '@vg/graphql';
import type { Resolvers } from '../generated/graphql';
import { Activity } from './Activity';
import { Brand } from './Brand';
import { DemonstrationLibraryChange } from './DemonstrationLibraryChange';
import { Mutation } from './Mutation';
import { Project } from './Project';
import { PersonalDataAudit } from './PersonalDataAudit';
import { Query } from './Query';
import { ServiceRecord } from './ServiceRecord';
import { ServiceRecordChange } from './ServiceRecordChange';
import { ServiceRequest, ServiceRequestEvent } from './ServiceRequest';
import { Signup } from './Signup';
import { Station } from './Station';
import { Team } from './Team';
import { Volunteer } from './Volunteer';

/** One file per GraphQL type, named after it. */
export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  PersonalDataAudit,
  Brand,
  Project,
  DemonstrationLibraryChange,
  Activity,
  Signup,
  ServiceRecord,
  ServiceRecordChange,
  ServiceRequest,
  ServiceRequestEvent,
  Volunteer,
  Station,
  Team,
};
