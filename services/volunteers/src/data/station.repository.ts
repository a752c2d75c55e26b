import { bigintIds, countRows, likePrefix, nearest } from '@vg/db';
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
    const q = this.repo.createQueryBuilder('s').comment('stationsNear');
    if (kind) q.where('s.kind = :kind', { kind });
    return (await nearest(q, 's', { lat, lng }, radiusMeters, limit)).map(({ row, distanceMeters }) => ({ station: row, distanceMeters }));
  }

  async insert(station: Pick<Station, 'name' | 'kind' | 'lat' | 'lng' | 'address' | 'regionCode' | 'openingHours' | 'operatingTeamId'>): Promise<Station> {
    const { identifiers } = await this.repo.createQueryBuilder().comment('insertStation').insert().values(station).execute();
    const [created] = await this.byIds([String(identifiers[0].id)]);
    return created;
  }
}
