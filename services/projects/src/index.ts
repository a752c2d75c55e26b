export { startProjectsServer, typeDefs, type ProjectsServerOptions } from './server';
export { entities, migrations } from './data/entities';
export { seedProjectsDatabase } from './seed';
