export { service } from './service';
export { entities, migrations } from './data/entities';
export { seedPartnershipsDatabase } from './seed';
