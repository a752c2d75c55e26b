export { service } from './service';
export { entities, migrations } from './data/entities';
export { seedHonoursDatabase } from './seed';
