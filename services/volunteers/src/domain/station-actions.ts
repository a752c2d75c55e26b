import { badUserInput, idArgument, optionalText, requireRole, requiredText } from '@vg/graphql';
import type { Station } from '../data/station.entity';
import type { VolunteersContext } from '../context';
import type { CreateStationInput } from '../generated/graphql';
import { existingRegion } from './region-rules';
import { checkCoordinates } from '@vg/standards';

/** Creates a service station (ADMIN, STATION_STAFF). */
export async function createStation(ctx: VolunteersContext, input: CreateStationInput): Promise<Station> {
  requireRole(ctx.viewer, 'create a station', 'ADMIN', 'STATION_STAFF');
  const name = requiredText('input.name', input.name, 100);
  const address = requiredText('input.address', input.address, 200);
  const openingHours = optionalText('input.openingHours', input.openingHours, 100);
  checkCoordinates(input.lat, input.lng, 'input.');
  const operatingTeamId = input.operatingTeamId == null ? null : idArgument('input.operatingTeamId', input.operatingTeamId);

  return ctx.transaction(async (repos) => {
    const region = await existingRegion(ctx.regions, 'input.regionCode', input.regionCode);
    if (operatingTeamId) {
      const [team] = await repos.teams.byIds([operatingTeamId]);
      if (!team) throw badUserInput('input.operatingTeamId', `unknown team ${operatingTeamId}`);
    }
    return repos.stations.insert({ name, kind: input.kind, lat: input.lat, lng: input.lng, address, regionCode: region.code, openingHours, operatingTeamId });
  });
}
