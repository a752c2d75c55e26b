import { personalDataReads } from '@vg/service';
import type { PersonalDataAuditResolvers } from '../generated/graphql';

export const PersonalDataAudit: PersonalDataAuditResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  volunteerReads: (_, args, ctx) => personalDataReads(ctx, ['VOLUNTEER'], args),
};
