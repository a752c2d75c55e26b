import { badUserInput, isUniqueViolation, idArgument, optionalText, requiredText, requireRole } from '@vg/graphql';
import { conflict, isWithinRegion, ziboRegionCode } from '@vg/standards';
import type { HonoursContext } from '../context';
import type { Commendation } from '../data/commendation.entity';
import { entitiesOf } from '../data/entities.client';
import type { CommendInput } from '../generated/graphql';
import { commendationYear } from './commendation-queries';

const KIND_NAMES = { VOLUNTEER: 'volunteer', TEAM: 'team', PROJECT: 'project', STATION: 'station' } as const;

/**
 * Records a commendation (ADMIN, CENTRE_DISPATCHER). The awardee must exist in its subgraph
 * (BAD_USER_INPUT on input.awardeeId otherwise, asked before anything is written) and lie within
 * input.regionCode; the commendation is filed under the awardee's own region, so region filters
 * find it where the awardee is. The same title for the same awardee and year twice is CONFLICT.
 */
export async function commend(ctx: HonoursContext, input: CommendInput): Promise<Commendation> {
  requireRole(ctx.viewer, 'record commendations', 'ADMIN', 'CENTRE_DISPATCHER');
  const title = requiredText('input.title', input.title, 100);
  const year = commendationYear('input.year', input.year);
  const citation = optionalText('input.citation', input.citation, 2000);
  const awardingBody = requiredText('input.awardingBody', input.awardingBody, 100);
  const awardeeId = idArgument('input.awardeeId', input.awardeeId);
  const regionCode = ziboRegionCode('input.regionCode', input.regionCode);
  const kind = input.awardeeKind;

  const awardee = await entitiesOf(ctx)[kind].load(awardeeId);
  if (!awardee) throw badUserInput('input.awardeeId', `unknown ${KIND_NAMES[kind]} ${awardeeId}`);
  const awardeeRegion = awardee.regionCode || regionCode;
  if (!isWithinRegion(awardeeRegion, regionCode)) throw badUserInput('input.regionCode', `the ${KIND_NAMES[kind]} is in ${awardeeRegion}, not within ${regionCode}`);

  return ctx.transaction(async (repos) => {
    try {
      return await repos.commendations.insert({
        title,
        year,
        level: input.level,
        citation,
        awardingBody,
        awardeeKind: kind,
        awardeeId,
        regionCode: awardeeRegion,
        recordedBy: ctx.viewer.sub!,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'commendations_awardee_kind_awardee_id_title_year_key')) {
        throw conflict(`This ${KIND_NAMES[kind]} already has the commendation ${title} of ${year}`, 'DUPLICATE_COMMENDATION');
      }
      throw error;
    }
  });
}
