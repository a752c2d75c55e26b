import type { EntityManager } from 'typeorm';
import { StationRepository } from './station.repository';
import { TeamRepository } from './team.repository';
import { VolunteerRepository } from './volunteer.repository';

/** The service's repositories, bound to one EntityManager (the pool, or a request's transaction). */
export interface Repositories {
  volunteers: VolunteerRepository;
  teams: TeamRepository;
  stations: StationRepository;
}

export function repositoriesFor(manager: EntityManager): Repositories {
  return {
    volunteers: new VolunteerRepository(manager),
    teams: new TeamRepository(manager),
    stations: new StationRepository(manager),
  };
}
