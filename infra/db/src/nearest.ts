import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

const EARTH_RADIUS_M = 6_371_008.8;
const METRES_PER_DEGREE_LAT = (Math.PI / 180) * EARTH_RADIUS_M;

/**
 * The rows of `query` (alias `alias`, with `lat`/`lng` columns) within `radiusMeters` of (lat, lng),
 * nearest first (then by id), each with its haversine distance. A bounding box on a (lat, lng)
 * index narrows the candidates before the exact distance is computed.
 */
export async function nearest<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  alias: string,
  point: { lat: number; lng: number },
  radiusMeters: number,
  limit: number,
): Promise<{ row: T; distanceMeters: number }[]> {
  const { lat, lng } = point;
  const dLat = radiusMeters / METRES_PER_DEGREE_LAT;
  const dLng = dLat / Math.max(Math.cos((lat * Math.PI) / 180), 0.01);
  const a = alias;
  const distance = `(2 * ${EARTH_RADIUS_M} * asin(sqrt(power(sin(radians(${a}.lat - :nearLat) / 2), 2) + cos(radians(:nearLat)) * cos(radians(${a}.lat)) * power(sin(radians(${a}.lng - :nearLng) / 2), 2))))`;
  const { entities, raw } = await query
    .addSelect(distance, 'distance')
    .andWhere(`${a}.lat BETWEEN :minLat AND :maxLat`, { minLat: lat - dLat, maxLat: lat + dLat })
    .andWhere(`${a}.lng BETWEEN :minLng AND :maxLng`, { minLng: lng - dLng, maxLng: lng + dLng })
    .andWhere(`${distance} <= :radius`, { radius: radiusMeters })
    .setParameters({ nearLat: lat, nearLng: lng })
    .orderBy('distance', 'ASC')
    .addOrderBy(`${a}.id`, 'ASC')
    .limit(limit)
    .getRawAndEntities<{ distance: number }>();
  return entities.map((row, i) => ({ row, distanceMeters: Number(raw[i].distance) }));
}
