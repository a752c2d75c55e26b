import type { RegionResolvers } from '../generated/graphql';

export const Region: RegionResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.region.load(ref.code),
  parent: (r, _, { loaders }) => (r.parentCode ? loaders.region.load(r.parentCode) : null),
  children: (r, _, { loaders }) => loaders.regionChildren.load(r.code),
};
