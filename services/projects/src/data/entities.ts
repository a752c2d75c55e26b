import { CreateProjects1764500000000 } from '../migrations/1764500000000-CreateProjects';
import { ServiceRecordsFromRequests1764700000000 } from '../migrations/1764700000000-ServiceRecordsFromRequests';
import { ServiceRecordsFromPartners1764800000000 } from '../migrations/1764800000000-ServiceRecordsFromPartners';
import { Activity } from './activity.entity';
import { Brand } from './brand.entity';
import { DemonstrationLibraryChange } from './demonstration-library-change.entity';
import { Project } from './project.entity';
import { ProjectAward } from './project-award.entity';
import { ServiceRecord } from './service-record.entity';
import { ServiceRecordChange } from './service-record-change.entity';
import { ServiceRecordCorrection } from './service-record-correction.entity';
import { ServiceRequest } from './service-request.entity';
import { ServiceRequestEvent } from './service-request-event.entity';
import { Signup } from './signup.entity';
import { PersonalDataReads1796190000000 } from '../migrations/1796190000000-PersonalDataReads';
import { DerivedContactPhoneMask1796200000000 } from '../migrations/1796200000000-DerivedContactPhoneMask';

/** Everything this service's DataSource maps. */
export const entities = [Brand, Project, ProjectAward, DemonstrationLibraryChange, Activity, Signup, ServiceRecord, ServiceRecordCorrection, ServiceRecordChange, ServiceRequest, ServiceRequestEvent];
/** Every migration, oldest first. */
export const migrations = [
  CreateProjects1764500000000,
  ServiceRecordsFromRequests1764700000000,
  ServiceRecordsFromPartners1764800000000,
  PersonalDataReads1796190000000,
  DerivedContactPhoneMask1796200000000,
];
