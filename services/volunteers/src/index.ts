export { startVolunteersServer, typeDefs, type VolunteersServerOptions } from './server';
export { entities, migrations } from './data/entities';
export { Pii, type PiiKeys } from './domain/pii';
export { makeIdNumber, parseIdNumber } from './domain/idNumber';
export { seedVolunteersDatabase, seedRegions } from './seed';
