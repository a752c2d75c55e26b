export { startInsuranceServer, typeDefs, type InsuranceServerOptions } from './server';
export { entities, migrations } from './data/entities';
export { CITY_PLAN_CODE, ensurePlanCatalogue, seedInsuranceDatabase } from './seed';
