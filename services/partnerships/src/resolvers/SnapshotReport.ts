import type { SnapshotReportResolvers } from '../generated/graphql';

export const SnapshotReport: SnapshotReportResolvers = {
  location: (r) => ({ lat: r.lat, lng: r.lng }),
};
