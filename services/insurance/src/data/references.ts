import type { Enrolment } from './enrolment.entity';

/**
 * An Activity as the gateway hands it over: its key and, for `uninsuredParticipants`, the fields
 * it @requires from the projects subgraph. (Plain references to other subgraphs' entities are
 * @vg/graphql's EntityRef.)
 */
export interface ActivityRef {
  id: string;
  startsAt?: string | Date;
  endsAt?: string | Date;
  participantIds?: string[];
}

/** Volunteer.insurance: whose cover (the fields load it). */
export interface VolunteerInsuranceModel {
  volunteerId: string;
}

export interface CoverageModel {
  volunteerNo: string;
  date: string;
  enrolments: Enrolment[];
}
