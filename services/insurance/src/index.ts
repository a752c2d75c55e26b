export { service } from './service';
export { entities, migrations } from './data/entities';
export { CITY_PLAN_CODE, ensurePlanCatalogue, seedInsuranceDatabase } from './seed';
