import { snapshotReportCount } from '../domain/new-employment-queries';
import type { NewEmploymentProfileResolvers } from '../generated/graphql';

export const NewEmploymentProfile: NewEmploymentProfileResolvers = {
  snapshotReports: (p, _, ctx) => snapshotReportCount(ctx, p),
};
