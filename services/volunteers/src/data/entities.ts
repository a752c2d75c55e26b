import { Region } from './region.entity';
import { RegistrationAttempt } from './registration-attempt.entity';
import { Station } from './station.entity';
import { Team } from './team.entity';
import { TeamMembership } from './team-membership.entity';
import { Volunteer } from './volunteer.entity';
import { CreateVolunteers1764400000000 } from '../migrations/1764400000000-CreateVolunteers';
import { PersonalDataReads1796190000000 } from '../migrations/1796190000000-PersonalDataReads';
import { NoRebuildablePersonalData1796170000000 } from '../migrations/1796170000000-NoRebuildablePersonalData';
import { CreateRegistrationAttempts1796180000000 } from '../migrations/1796180000000-CreateRegistrationAttempts';

/** Everything this service's DataSource maps. */
export const entities = [Region, Volunteer, Team, TeamMembership, Station, RegistrationAttempt];
/** Every migration, oldest first. */
export const migrations = [CreateVolunteers1764400000000, NoRebuildablePersonalData1796170000000, CreateRegistrationAttempts1796180000000, PersonalDataReads1796190000000];
