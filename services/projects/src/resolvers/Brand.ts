import type { BrandResolvers } from '../generated/graphql';

export const Brand: BrandResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.brand.load(ref.id),
  projects: (b, _, { loaders }) => loaders.projectsOfBrand.load(b.id),
};
