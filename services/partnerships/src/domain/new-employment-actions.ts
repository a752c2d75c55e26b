import { badUserInput, forbidden, hasRole, idArgument, requireRole, requiredText, requireSignedIn } from '@vg/graphql';
import type { PartnershipsContext } from '../context';
import type { NewEmploymentVolunteer } from '../data/new-employment-volunteer.entity';
import type { SnapshotReport } from '../data/snapshot-report.entity';
import { volunteerFacts } from '../data/volunteers.client';
import type { NewEmploymentOccupation, SnapshotReportInput } from '../generated/graphql';
import { checkCoordinates } from '@vg/standards';

const OCCUPATIONS: readonly NewEmploymentOccupation[] = ['COURIER', 'DELIVERY_RIDER', 'RIDE_HAILING_DRIVER', 'TRUCK_DRIVER'];

/**
 * Marks a registered volunteer as a member of a new-employment group (ADMIN, CENTRE_DISPATCHER),
 * or changes their occupation. The volunteer must exist in the volunteers subgraph (one
 * `_entities` call).
 */
export async function markNewEmploymentVolunteer(ctx: PartnershipsContext, volunteerId: string, occupation: NewEmploymentOccupation): Promise<NewEmploymentVolunteer> {
  requireRole(ctx.viewer, 'mark new-employment volunteers', 'ADMIN', 'CENTRE_DISPATCHER');
  const id = idArgument('volunteerId', volunteerId);
  if (!OCCUPATIONS.includes(occupation)) throw badUserInput('occupation', `must be one of ${OCCUPATIONS.join(', ')}`);
  const [facts] = await volunteerFacts(ctx.clients.volunteers, [id], ctx.requestId);
  if (!facts) throw badUserInput('volunteerId', 'no registered volunteer has this id');
  const by = ctx.viewer.sub!;
  const profile = await ctx.transaction((repos) => repos.newEmployment.mark(id, occupation, by));
  ctx.loaders.newEmploymentProfile.clear(id).prime(id, profile);
  return profile;
}

/**
 * 随手拍: the volunteer themself (their token's volunteer), once marked as a new-employment
 * volunteer, reports what they saw. Anyone else — including volunteers not marked — is FORBIDDEN
 * before the input is looked at.
 */
export async function fileSnapshotReport(ctx: PartnershipsContext, input: SnapshotReportInput): Promise<SnapshotReport> {
  requireSignedIn(ctx.viewer, 'file a 随手拍 report');
  const volunteerId = hasRole(ctx.viewer, 'VOLUNTEER', 'TEAM_LEADER') ? ctx.viewer.volunteerId : null;
  if (!volunteerId) throw forbidden('Only a volunteer signed in as themself may file a 随手拍 report');
  if (!(await ctx.loaders.newEmploymentProfile.load(volunteerId))) throw forbidden('Only volunteers of a new-employment group (marked by the centre) may file 随手拍 reports');
  const description = requiredText('input.description', input.description, 500);
  checkCoordinates(input.lat, input.lng, 'input.');
  const report = await ctx.transaction((repos) => repos.newEmployment.insertReport({ volunteerId, description, lat: input.lat, lng: input.lng }));
  ctx.loaders.snapshotReportCount.clear(volunteerId);
  return report;
}
