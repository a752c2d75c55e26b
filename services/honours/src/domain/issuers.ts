import { hasRole } from '@vg/graphql';
import { CITY_REGION_CODE, isWithinRegion, type Viewer } from '@vg/standards';
import type { IssuerLevel } from '../data/star-certification.entity';

/** Shandong province (山东省): issues 5 stars. */
export const PROVINCE_REGION_CODE = '370000';

/** The token scope naming the federation a viewer acts for: `federation:<region code>`. */
const FEDERATION_SCOPE = /^federation:(\d{6})$/;

/** Which body issues a star level: county federations 1–2, the city's 3–4, the province's 5. */
export function issuerLevelFor(starLevel: number): IssuerLevel {
  if (starLevel <= 2) return 'COUNTY';
  return starLevel <= 4 ? 'CITY' : 'PROVINCE';
}

/**
 * The issuer level of a federation's region: 370000 the province, 370300 the city, a county of
 * Zibo (3703xx, not 370300) a county; null for any other code (a town, another city …).
 */
export function issuerLevelOfRegion(regionCode: string): IssuerLevel | null {
  if (regionCode === PROVINCE_REGION_CODE) return 'PROVINCE';
  if (regionCode === CITY_REGION_CODE) return 'CITY';
  return /^3703(?!00)\d{2}$/.test(regionCode) ? 'COUNTY' : null;
}

/** The region codes of the federations the viewer acts for (their `federation:<code>` scopes). */
export function federationsOf(viewer: Pick<Viewer, 'scopes'>): string[] {
  return viewer.scopes.flatMap((scope) => FEDERATION_SCOPE.exec(scope)?.[1] ?? []);
}

/** May issue at all: CENTRE_DISPATCHER or ADMIN, acting for the federation of `issuerRegionCode`. */
export function actsForFederation(viewer: Viewer, issuerRegionCode: string): boolean {
  return hasRole(viewer, 'CENTRE_DISPATCHER', 'ADMIN') && federationsOf(viewer).includes(issuerRegionCode);
}

/** May certify `starLevel` as the federation of `issuerRegionCode`: acts for it, and it is of the level's issuer level. */
export function mayIssue(viewer: Viewer, starLevel: number, issuerRegionCode: string): boolean {
  return actsForFederation(viewer, issuerRegionCode) && issuerLevelOfRegion(issuerRegionCode) === issuerLevelFor(starLevel);
}

/** A federation certifies volunteers of its own region only (the province: anyone in Shandong). */
export function issuerCovers(issuerRegionCode: string, volunteerRegionCode: string | null): boolean {
  return volunteerRegionCode != null && isWithinRegion(volunteerRegionCode, issuerRegionCode);
}

/**
 * May list the candidates for `starLevel` in `regionCode`: ADMIN and DATA_STAFF anywhere; an issuer
 * of that level for a region within their federation's.
 */
export function maySeeCandidates(viewer: Viewer, starLevel: number, regionCode: string): boolean {
  if (hasRole(viewer, 'ADMIN', 'DATA_STAFF')) return true;
  return federationsOf(viewer).some((federation) => mayIssue(viewer, starLevel, federation) && isWithinRegion(regionCode, federation));
}
