export { identity, anonymousViewer, serviceViewer, IDENTITY_CLAIMS, ROLES, SERVICE_ROLE, type ClaimKey, type Role, type TokenRole, type Viewer } from './identity';
export { idNumberCheckChar, isWellFormedIdNumber, looksLikeIdNumber, makeIdNumber, maskIdNumber, parseIdNumber, type ParsedIdNumber } from './id-number';
export { CREDIT_CODE_ALPHABET, creditCodeCheckChar, makeCreditCode, parseCreditCode } from './credit-code';
export { CITY_REGION_CODE, isWithinRegion, regionCodeArgument, regionPrefix, ziboRegionCode } from './region-code';
export { isLeadingRole, LEADING_TEAM_ROLES, teamsLed, type TeamRole } from './teams';
export { conflict, CONFLICT_REASONS, type ConflictReason } from './reasons';
export { checkCoordinates, DEFAULT_WALKING_MINUTES, MAX_WALKING_MINUTES, METRES_PER_MINUTE, walkingMinutesArgument, walkingMinutesFor, walkingRadiusMeters } from './walking-circle';
