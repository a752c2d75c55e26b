import type { StationResolvers } from '../generated/graphql';

export const Station: StationResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.station.load(ref.id),
  location: (s) => ({ lat: s.lat, lng: s.lng }),
  region: async (s, _, { loaders }) => (await loaders.region.load(s.regionCode))!,
  operatingTeam: (s, _, { loaders }) => (s.operatingTeamId ? loaders.team.load(s.operatingTeamId) : null),
};
