import type { DemonstrationLibraryChangeResolvers } from '../generated/graphql';

export const DemonstrationLibraryChange: DemonstrationLibraryChangeResolvers = {
  by: (c) => c.by,
  at: (c) => c.at,
};
