import type { SocialOrganizationResolvers } from '../generated/graphql';
import { socialOrganizationById, socialOrganizationContactPhone, volunteersOfOrganization } from '../domain/organization-queries';

export const SocialOrganization: SocialOrganizationResolvers = {
  __resolveReference: (ref, ctx) => socialOrganizationById(ctx, ref.id),
  contactPhone: (o, _, ctx) => socialOrganizationContactPhone(ctx, o),
  volunteers: (o, _, ctx) => volunteersOfOrganization(ctx, o.id),
};
