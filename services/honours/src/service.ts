import { defineService } from '@vg/service';
import { contextFactory } from './context';
import { entities, migrations } from './data/entities';
import { createFeedConsumer } from './domain/feed-consumer';
import { resolvers } from './resolvers';
import { seedHonoursDatabase } from './seed';

/**
 * The honours subgraph: star levels and certificates, commendations, and the points loop
 * "奉献—积分—回报" — credits consumed from the projects subgraph's service-record feed, spent at
 * redemption points (美德超市, 爱心驿站).
 */
export const service = defineService({
  name: 'honours',
  dir: `${__dirname}/..`,
  resolvers,
  entities,
  migrations,
  calls: ['volunteers', 'projects'],
  context: ({ dataSource, clients }) => contextFactory({ dataSource, clients: { volunteers: clients.volunteers, projects: clients.projects } }),
  // Consumes the projects feed continuously (started after seeding under runService).
  worker: (deps) => createFeedConsumer(deps),
  seed: (deps) => seedHonoursDatabase(deps),
});
