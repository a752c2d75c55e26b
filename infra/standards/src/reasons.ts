import type { GraphQLError } from 'graphql';
import { conflict as conflictError } from '@vg/graphql';

/**
 * Every CONFLICT reason a client may branch on (`extensions.reason`): what it means and which
 * mutations raise it. One typed set, so a reason cannot be misspelt in one service; the README's
 * table is checked against it.
 */
export const CONFLICT_REASONS = {
  ALREADY_REGISTERED: { meaning: 'The signed-in account is already a registered volunteer', raisedBy: ['registerVolunteer'] },
  DUPLICATE_ID_NUMBER: { meaning: 'A volunteer with this ID number is already registered (told only to INSURER and ADMIN)', raisedBy: ['registerVolunteer'] },
  REGISTRATION_REFUSED: {
    meaning: 'The registration cannot be completed online (the reason is not told): visit a service station with the ID card',
    raisedBy: ['registerVolunteer'],
  },
  DUPLICATE_TEAM: { meaning: 'A team with this name already exists in the region', raisedBy: ['createTeam'] },
  ALREADY_MEMBER: { meaning: 'The volunteer is already a member of the team', raisedBy: ['addTeamMember'] },
  TEAM_HAS_LEADER: { meaning: 'The team already has a LEADER', raisedBy: ['addTeamMember'] },
  IS_LEADER: { meaning: 'The team leader cannot be removed (appoint another first)', raisedBy: ['removeTeamMember'] },
  VOLUNTEER_NOT_ACTIVE: { meaning: 'The volunteer is SUSPENDED or WITHDRAWN', raisedBy: ['addTeamMember', 'signUp', 'addOrganizationVolunteer'] },
  DUPLICATE_PROJECT: { meaning: 'The team already has a project with this name', raisedBy: ['createProject'] },
  ALREADY_IN_LIBRARY: { meaning: 'The project is already in the demonstration library', raisedBy: ['addToDemonstrationLibrary'] },
  NOT_IN_LIBRARY: { meaning: 'The project is not in the demonstration library', raisedBy: ['removeFromDemonstrationLibrary'] },
  DUPLICATE_AWARD: { meaning: 'The project already has this award for that year', raisedBy: ['addProjectAward'] },
  ACTIVITY_FULL: { meaning: 'Every place of the activity is taken', raisedBy: ['signUp'] },
  ACTIVITY_NOT_OPEN: { meaning: 'The activity is not PUBLISHED (draft, cancelled or completed)', raisedBy: ['signUp', 'checkIn'] },
  ACTIVITY_STARTED: { meaning: 'The activity has started: sign-up is closed', raisedBy: ['signUp'] },
  ACTIVITY_ENDED: { meaning: 'The activity has ended: the sign-up can no longer change', raisedBy: ['cancelSignup'] },
  ALREADY_SIGNED_UP: { meaning: 'The volunteer is already signed up for the activity', raisedBy: ['signUp'] },
  OVERLAPPING_ACTIVITY: { meaning: 'The volunteer is signed up for an activity at an overlapping time', raisedBy: ['signUp'] },
  OUTSIDE_CHECK_IN_WINDOW: { meaning: 'Check-in opens an hour before the start and closes at the end', raisedBy: ['checkIn'] },
  NOT_ENDED: { meaning: 'The activity has not ended yet', raisedBy: ['completeActivity'] },
  ILLEGAL_TRANSITION: {
    meaning: 'The current status does not allow this step (the message says the status)',
    raisedBy: [
      'publishActivity',
      'cancelActivity',
      'completeActivity',
      'cancelSignup',
      'checkIn',
      'checkOut',
      'dispatchServiceRequest',
      'fundServiceRequest',
      'acceptServiceRequest',
      'completeServiceRequest',
      'rateServiceRequest',
      'cancelServiceRequest',
      'cancelEnrolment',
      'dispatchPartnershipOrder',
      'acceptPartnershipOrder',
      'declinePartnershipOrder',
      'schedulePartnershipOrder',
      'deliverPartnershipOrder',
      'ratePartnershipOrder',
      'cancelPartnershipOrder',
    ],
  },
  CONCURRENT_CHANGE: {
    meaning: 'Someone else changed the record while you acted on it: reload and retry',
    raisedBy: [
      'dispatchServiceRequest',
      'fundServiceRequest',
      'acceptServiceRequest',
      'completeServiceRequest',
      'rateServiceRequest',
      'cancelServiceRequest',
      'dispatchPartnershipOrder',
      'acceptPartnershipOrder',
      'declinePartnershipOrder',
      'schedulePartnershipOrder',
      'deliverPartnershipOrder',
      'ratePartnershipOrder',
      'cancelPartnershipOrder',
    ],
  },
  BATCH_ID_REUSED: { meaning: 'The batch id was already sent with other content: send new items under a new id', raisedBy: ['enrolVolunteers'] },
  IDEMPOTENCY_KEY_REUSED: { meaning: 'The idempotency key was already used by this volunteer for another redemption: use a new key', raisedBy: ['redeem'] },
  INSUFFICIENT_POINTS: { meaning: "The volunteer's points balance does not cover the redemption", raisedBy: ['redeem'] },
  OUT_OF_STOCK: { meaning: 'The catalogue item has fewer units left than asked for', raisedBy: ['redeem'] },
  ALREADY_REFUNDED: { meaning: 'The redemption has already been refunded', raisedBy: ['refundRedemption'] },
  ALREADY_CERTIFIED: { meaning: 'The volunteer already holds a live certificate of this star level', raisedBy: ['certifyStars'] },
  ALREADY_REVOKED: { meaning: 'The star certificate has already been revoked', raisedBy: ['revokeStarCertification'] },
  DUPLICATE_COMMENDATION: { meaning: 'The awardee already has a commendation with this title for that year', raisedBy: ['commend'] },
  POINTS_BELOW_ZERO: { meaning: "The adjustment would take the volunteer's points balance below zero", raisedBy: ['adjustPoints'] },
  POINTS_RULE_EXISTS: { meaning: 'A points rule already applies from that date', raisedBy: ['setPointsRule'] },
  INSUFFICIENT_FUNDS: { meaning: "The community fund's balance does not cover the grant", raisedBy: ['grantFromFund'] },
  DUPLICATE_CREDIT_CODE: { meaning: 'An organisation of this kind with this unified social credit code is already registered', raisedBy: ['registerEnterprise', 'registerSocialOrganization'] },
  ALREADY_ORGANIZATION_VOLUNTEER: { meaning: 'The volunteer already serves with the social organisation', raisedBy: ['addOrganizationVolunteer'] },
} as const satisfies Record<string, { meaning: string; raisedBy: readonly string[] }>;

export type ConflictReason = keyof typeof CONFLICT_REASONS;

/** CONFLICT: the request contradicts the current state, for one of the documented reasons. */
export function conflict(message: string, reason: ConflictReason): GraphQLError {
  return conflictError(message, reason);
}
