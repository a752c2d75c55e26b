import { localDate } from '@vg/config';
import { badUserInput, forbidden, hasRole, idArgument, isUniqueViolation, notFound, requiredText, requireRole } from '@vg/graphql';
import { conflict } from '@vg/standards';
import type { HonoursContext } from '../context';
import { entitiesOf } from '../data/entities.client';
import type { StarCertification } from '../data/star-certification.entity';
import type { CertifyStarsInput } from '../generated/graphql';
import { starLevelArgument } from './certification-queries';
import { actsForFederation, federationsOf, issuerCovers, issuerLevelFor, issuerLevelOfRegion } from './issuers';
import { STAR_THRESHOLDS } from './stars';

const MAX_BATCH = 500;
const ISSUER_NAMES = { COUNTY: 'a county federation', CITY: 'the city federation (370300)', PROVINCE: 'the province federation (370000)' };

/** Today in China time (UTC+8, no daylight saving). */
const chinaToday = (): string => localDate(new Date());

/**
 * Certifies volunteers at a star level, all or nothing. Who: a CENTRE_DISPATCHER or ADMIN acting
 * for the issuing federation (scope `federation:<issuerRegionCode>`) of the level's issuer level
 * (county 1–2, city 3–4, province 5). Then the input: every volunteer must exist, be in the
 * federation's region, have recorded hours reaching the level, and hold no live certificate of
 * it. The facts are gathered first (one call to the volunteers subgraph, one statement each for
 * hours and certificates); the certificates are then written in one set-based statement.
 */
export async function certifyStars(ctx: HonoursContext, input: CertifyStarsInput): Promise<StarCertification[]> {
  const { viewer } = ctx;
  requireRole(viewer, 'certify star volunteers', 'CENTRE_DISPATCHER', 'ADMIN');
  const issuerRegionCode = input.issuerRegionCode.trim();
  if (!actsForFederation(viewer, issuerRegionCode)) throw forbidden(`Only the federation of ${issuerRegionCode} (scope federation:${issuerRegionCode}) may certify in its name`);
  const level = starLevelArgument('input.level', input.level);
  const issuerLevel = issuerLevelFor(level);
  if (issuerLevelOfRegion(issuerRegionCode) !== issuerLevel) throw forbidden(`${level}-star certificates are issued by ${ISSUER_NAMES[issuerLevel]}, not by ${issuerRegionCode}`);

  if (input.volunteerIds.length < 1 || input.volunteerIds.length > MAX_BATCH) throw badUserInput('input.volunteerIds', `must list 1 to ${MAX_BATCH} volunteers`);
  const seen = new Set<string>();
  const ids = input.volunteerIds.map((raw, i) => {
    const id = idArgument(`input.volunteerIds[${i}]`, raw);
    if (seen.has(id)) throw badUserInput(`input.volunteerIds[${i}]`, `volunteer ${id} is listed twice`);
    seen.add(id);
    return id;
  });
  const issuedOn = input.issuedOn ?? chinaToday();
  if (issuedOn > chinaToday()) throw badUserInput('input.issuedOn', 'must not be in the future');

  const [facts, hours] = await Promise.all([entitiesOf(ctx).VOLUNTEER.loadMany(ids), ctx.repos.certifications.hoursOf(ids)]);
  const hoursById = new Map(hours.map((h) => [h.volunteerId, h]));
  const minHours = STAR_THRESHOLDS[level - 1];
  const volunteers = ids.map((id, i) => {
    const fact = facts[i];
    if (fact instanceof Error) throw fact;
    const field = `input.volunteerIds[${i}]`;
    if (!fact?.volunteerNo) throw badUserInput(field, `unknown volunteer ${id}`);
    const row = hoursById.get(id);
    const region = row?.regionCode ?? fact.regionCode;
    if (!issuerCovers(issuerRegionCode, region)) throw badUserInput(field, `volunteer ${fact.volunteerNo} (${region}) is not in the region of ${issuerRegionCode}`);
    const recorded = row?.hours ?? 0;
    if (recorded < minHours) throw badUserInput(field, `volunteer ${fact.volunteerNo} has ${recorded} recorded hours; ${level} stars take ${minHours}`);
    return { volunteerId: id, volunteerNo: fact.volunteerNo, hours: recorded };
  });

  return ctx.transaction(async (repos) => {
    const live = await repos.certifications.liveOfLevel(ids, level);
    if (live.length > 0) {
      const listed = live.map((c) => `${c.volunteerNo} (${c.certificateNo})`).join(', ');
      throw conflict(`Already certified at ${level} stars: ${listed}`, 'ALREADY_CERTIFIED');
    }
    try {
      return await repos.certifications.insertMany({ level, issuedOn, issuerLevel, issuerRegionCode, issuedBy: viewer.sub!, volunteers });
    } catch (error) {
      // A concurrent certification of the same volunteer and level got there first.
      if (isUniqueViolation(error, 'star_certifications_one_live')) throw conflict(`A volunteer was certified at ${level} stars meanwhile: reload the candidates`, 'ALREADY_CERTIFIED');
      throw error;
    }
  });
}

/**
 * Revokes a certificate with the reason: ADMIN, or a CENTRE_DISPATCHER/ADMIN of the federation
 * that issued it. It stays, REVOKED (its number still verifies); revoking twice is CONFLICT.
 */
export async function revokeCertification(ctx: HonoursContext, idArgumentValue: string, reasonArgument: string): Promise<StarCertification> {
  const { viewer } = ctx;
  requireRole(viewer, 'revoke star certificates', 'CENTRE_DISPATCHER', 'ADMIN');
  // Role before input: a dispatcher who acts for no federation may revoke nothing, whatever the id.
  if (!hasRole(viewer, 'ADMIN') && federationsOf(viewer).length === 0) throw forbidden('Only ADMIN or the federation that issued it may revoke a certificate');
  const id = idArgument('id', idArgumentValue);
  return ctx.transaction(async (repos) => {
    const certificate = await repos.certifications.lockById(id);
    if (!certificate) throw notFound('StarCertification', id);
    if (!hasRole(viewer, 'ADMIN') && !actsForFederation(viewer, certificate.issuerRegionCode)) {
      throw forbidden(`Only ADMIN or the federation that issued it (${certificate.issuerRegionCode}) may revoke this certificate`);
    }
    const reason = requiredText('reason', reasonArgument, 500);
    if (!(await repos.certifications.revoke(id, viewer.sub!, reason))) throw conflict(`Certificate ${certificate.certificateNo} is already revoked`, 'ALREADY_REVOKED');
    const [revoked] = await repos.certifications.byIds([id]);
    return revoked;
  });
}
