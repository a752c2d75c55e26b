import { bigintIds, countRows, likePrefix } from '@vg/db';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { Station, type StationKind } from './station.entity';

export interface StationQuery {
  regionPrefix?: string;
  kind?: StationKind;
  operatingTeamId?: string;
}

/** A station with its straight-line distance from a point. */
export interface NearbyStationRow {
  station: Station;
  distanceMeters: number;
  walkingMinutes: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const METRES_PER_DEGREE_LAT = (Math.PI / 180) * EARTH_RADIUS_M;

/** Service stations, including the distance search behind the 15-minute circle. */
export class StationRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(Station);
  }

  byIds(ids: readonly string[]): Promise<Station[]> {
    return this.repo
      .createQueryBuilder('s')
      .comment('stationsByIds')
      .where('s.id = ANY(:ids)', { ids: bigintIds(ids) })
      .getMany();
  }

  page(query: StationQuery, limit: number, afterId?: string): Promise<Station[]> {
    const q = this.filtered(query, 'pageStations').orderBy('s.id').limit(limit);
    if (afterId) q.andWhere('s.id > :afterId', { afterId });
    return q.getMany();
  }

  count(query: StationQuery): Promise<number> {
    return countRows(this.filtered(query, 'countStations'));
  }

  private filtered(query: StationQuery, name: string): SelectQueryBuilder<Station> {
    const q = this.repo.createQueryBuilder('s').comment(name);
    if (query.regionPrefix) q.andWhere('s.region_code LIKE :prefix', { prefix: likePrefix(query.regionPrefix) });
    if (query.kind) q.andWhere('s.kind = :kind', { kind: query.kind });
    if (query.operatingTeamId) q.andWhere('s.operating_team_id = :teamId', { teamId: query.operatingTeamId });
    return q;
  }

  /**
   * Stations within `radiusMeters` of (lat, lng), nearest first, with their haversine distance.
   * A bounding box on the (lat, lng) index narrows the candidates before the exact distance.
   */
  async near(lat: number, lng: number, radiusMeters: number, limit: number, kind?: StationKind): Promise<{ station: Station; distanceMeters: number }[]> {
    const dLat = radiusMeters / METRES_PER_DEGREE_LAT;
    const dLng = dLat / Math.max(Math.cos((lat * Math.PI) / 180), 0.01);
    const distance = `(2 * ${EARTH_RADIUS_M} * asin(sqrt(power(sin(radians(s.lat - :lat) / 2), 2) + cos(radians(:lat)) * cos(radians(s.lat)) * power(sin(radians(s.lng - :lng) / 2), 2))))`;
    const q = this.repo
      .createQueryBuilder('s')
      .comment('stationsNear')
      .addSelect(distance, 'distance')
      .where('s.lat BETWEEN :minLat AND :maxLat', { minLat: lat - dLat, maxLat: lat + dLat })
      .andWhere('s.lng BETWEEN :minLng AND :maxLng', { minLng: lng - dLng, maxLng: lng + dLng })
      .andWhere(`${distance} <= :radius`, { radius: radiusMeters })
      .setParameters({ lat, lng })
      .orderBy('distance', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .limit(limit);
    if (kind) q.andWhere('s.kind = :kind', { kind });
    const { entities, raw } = await q.getRawAndEntities<{ distance: number }>();
    return entities.map((station, i) => ({ station, distanceMeters: Number(raw[i].distance) }));
  }

  async insert(station: Pick<Station, 'name' | 'kind' | 'lat' | 'lng' | 'address' | 'regionCode' | 'openingHours' | 'operatingTeamId'>): Promise<Station> {
    const { identifiers } = await this.repo.createQueryBuilder().comment('insertStation').insert().values(station).execute();
    const [created] = await this.byIds([String(identifiers[0].id)]);
    return created;
  }
}
