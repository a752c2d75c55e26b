import { personalDataReads } from '@vg/service';
import type { PersonalDataAuditResolvers } from '../generated/graphql';

export const PersonalDataAudit: PersonalDataAuditResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  serviceRequestReads: (_, args, ctx) => personalDataReads(ctx, ['SERVICE_REQUEST'], args),
};
