import type { CatalogueItemResolvers } from '../generated/graphql';

/** Every field is a column of the item: the defaults resolve them. */
export const CatalogueItem: CatalogueItemResolvers = {};
