import { DateScalar, DateTimeScalar } from '@vg/graphql';
import type { Resolvers } from '../generated/graphql';
import { Activity } from './Activity';
import { Coverage } from './Coverage';
import { Enrolment } from './Enrolment';
import { EnrolmentBatch } from './EnrolmentBatch';
import { EnrolmentItemResult } from './EnrolmentItemResult';
import { InsurancePlan } from './InsurancePlan';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Volunteer } from './Volunteer';
import { VolunteerInsurance } from './VolunteerInsurance';

/** One resolver map per GraphQL type, each in the file named after it. */
export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  InsurancePlan,
  Enrolment,
  EnrolmentBatch,
  EnrolmentItemResult,
  Coverage,
  VolunteerInsurance,
  Volunteer,
  Activity,
};
