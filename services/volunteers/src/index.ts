export { service } from './service';
export { entities, migrations } from './data/entities';
export { Pii, type PiiKeys } from './domain/pii';
export { seedVolunteersDatabase, seedRegions } from './seed';
