import { DateScalar, DateTimeScalar } from '@vg/graphql';
import type { Resolvers } from '../generated/graphql';
import { Mutation } from './Mutation';
import { PersonalDataAudit } from './PersonalDataAudit';
import { Query } from './Query';
import { Region } from './Region';
import { Station } from './Station';
import { Team, TeamMembership } from './Team';
import { Volunteer } from './Volunteer';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  PersonalDataAudit,
  Region,
  Volunteer,
  Team,
  TeamMembership,
  Station,
};
