import type { ServiceRecordChangeResolvers } from '../generated/graphql';

export const ServiceRecordChange: ServiceRecordChangeResolvers = {
  record: async (c, _, { loaders }) => (await loaders.record.load(c.recordId))!,
};
