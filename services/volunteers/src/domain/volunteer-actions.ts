import { badUserInput, forbidden, hasRole, idArgument, isUniqueViolation, mobilePhone, notFound, requireSignedIn, requiredText } from '@vg/graphql';
import type { GraphQLError } from 'graphql';
import type { Volunteer } from '../data/volunteer.entity';
import type { VolunteerChanges } from '../data/volunteer.repository';
import type { VolunteersContext } from '../context';
import type { RegisterVolunteerInput, UpdateVolunteerInput } from '../generated/graphql';
import { conflict, parseIdNumber } from '@vg/standards';
import { isViewerVolunteer, PERSONAL_DATA_ROLES, REGISTRAR_ROLES } from './access';
import { isWellFormedId } from './arguments';
import { existingRegion } from './region-rules';
import type { RegistrationGuard, RegistrationTry } from './registration-guard';
import { skillList } from './skills';

/**
 * Registers a volunteer. Staff register anyone; any other signed-in account registers itself
 * (linked by its subject, once). All input is checked before anything is written; a second
 * registration of the same ID number is CONFLICT, also when two race (the unique index decides).
 * Only a caller who sees every ID number anyway (PERSONAL_DATA_ROLES) is told DUPLICATE_ID_NUMBER;
 * anyone else gets the generic REGISTRATION_REFUSED, the attempt is logged by the number's hash,
 * and their attempts are limited (registration-guard.ts), so registering is no oracle.
 */
export async function registerVolunteer(ctx: VolunteersContext, input: RegisterVolunteerInput): Promise<Volunteer> {
  const { viewer, pii } = ctx;
  requireSignedIn(viewer, 'register a volunteer');
  const isRegistrar = hasRole(viewer, ...REGISTRAR_ROLES);
  // The relation before the input: an account that is already a volunteer learns that, not the
  // rules its input broke. The token may lack the id (tokens issued before registering); the
  // stored link decides then. The unique index on account_sub still settles a race.
  if (!isRegistrar && (viewer.volunteerId || (await ctx.repos.volunteers.byAccountSub(viewer.sub!)))) {
    throw conflict('This account is already a registered volunteer', 'ALREADY_REGISTERED');
  }

  const name = requiredText('input.name', input.name, 50);
  const parsed = parseIdNumber(input.idNumber);
  if (typeof parsed === 'string') throw badUserInput('input.idNumber', parsed);
  const phone = input.phone ? mobilePhone('input.phone', input.phone) : null;
  const skills = skillList('input.skills', input.skills);
  const entitled = hasRole(viewer, ...PERSONAL_DATA_ROLES);
  const attempt: RegistrationTry = { accountSub: viewer.sub!, roles: viewer.roles, idNumberHash: pii.idNumberHash(parsed.value), registrar: isRegistrar };
  if (!entitled) await limitAttempt(ctx.registration, attempt);

  const registering = ctx.transaction(async (repos) => {
    const region = await existingRegion(ctx.regions, 'input.regionCode', input.regionCode);
    const idNumber = pii.protectIdNumber(parsed.value);
    const phoneProtected = phone ? pii.protectPhone(phone) : null;
    try {
      return await repos.volunteers.insert({
        name,
        gender: parsed.gender,
        regionCode: region.code,
        skills,
        idNumberEncrypted: idNumber.encrypted,
        idNumberHash: idNumber.hash,
        phoneEncrypted: phoneProtected?.encrypted ?? null,
        phoneHash: phoneProtected?.hash ?? null,
        accountSub: isRegistrar ? null : viewer.sub,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'volunteers_id_number_hash_key')) throw conflict('A volunteer with this ID number is already registered', 'DUPLICATE_ID_NUMBER');
      if (isUniqueViolation(error, 'volunteers_account_sub_key')) throw conflict('This account is already a registered volunteer', 'ALREADY_REGISTERED');
      throw error;
    }
  });
  try {
    return await registering;
  } catch (error) {
    // Logged after the rollback, on the pool: the record of the refusal must stay.
    if (!entitled && (error as GraphQLError).extensions?.reason === 'DUPLICATE_ID_NUMBER') throw await ctx.registration.refuse({ ...attempt, outcome: 'DUPLICATE' });
    throw error;
  }
}

/**
 * The limits on a caller who may not learn of others' registrations: a self-registering account's
 * attempts an hour, a registrar's refusals a day (RATE_LIMITED); and a number refused too often
 * today is refused like a registered one, whoever tries it, so the lock tells nothing either.
 */
async function limitAttempt(guard: RegistrationGuard, attempt: RegistrationTry): Promise<void> {
  await (attempt.registrar ? guard.checkRegistrar(attempt.accountSub) : guard.countSelfAttempt(attempt.accountSub));
  if (await guard.isIdNumberLocked(attempt.idNumberHash)) throw await guard.refuse({ ...attempt, outcome: 'ID_NUMBER_LOCKED' });
}

/**
 * Changes a volunteer: the volunteer themself or ADMIN; only ADMIN changes the status. Who may
 * is decided before any input is looked at (an id that is no valid id names nobody the viewer is),
 * so a caller without the right learns nothing about the rules.
 */
export async function updateVolunteer(ctx: VolunteersContext, id: string, input: UpdateVolunteerInput): Promise<Volunteer> {
  const { viewer, pii } = ctx;
  requireSignedIn(viewer, 'update a volunteer');
  const isAdmin = hasRole(viewer, 'ADMIN');
  if (isAdmin) idArgument('id', id);
  return ctx.transaction(async (repos) => {
    // FOR UPDATE: the row read for the decision is the row changed, even with a concurrent update.
    const existing = isWellFormedId(id) ? await repos.volunteers.byIdForUpdate(id) : null;
    if (!isAdmin && !(existing && isViewerVolunteer(viewer, existing))) throw forbidden('Only the volunteer themself or ADMIN may update a volunteer');
    if (input.status != null && !isAdmin) throw forbidden("Only ADMIN may change a volunteer's status");
    if (!existing) throw notFound('Volunteer', id);

    const changes: VolunteerChanges = {};
    if (input.name != null) changes.name = requiredText('input.name', input.name, 50);
    if (input.skills != null) changes.skills = skillList('input.skills', input.skills);
    if (input.status != null) changes.status = input.status;
    if (input.phone != null) {
      const phone = input.phone.trim() ? mobilePhone('input.phone', input.phone) : null;
      const stored = phone ? pii.protectPhone(phone) : null;
      changes.phoneEncrypted = stored?.encrypted ?? null;
      changes.phoneHash = stored?.hash ?? null;
    }
    if (input.regionCode != null) changes.regionCode = (await existingRegion(ctx.regions, 'input.regionCode', input.regionCode)).code;
    await repos.volunteers.update(id, changes);
    const [updated] = await repos.volunteers.byIds([id]);
    return updated;
  });
}
