export { badUserInput, conflict, forbidden, notFound, rateLimited, ErrorCode } from './errors';
export { hasRole, requireRole, requireSignedIn, claimsOf, type BaseViewer, type IdentityModel } from './viewer';
export { createTokenVerifier, mintToken, verifyToken, DEFAULT_TOKEN_RULES, TokenError, type TokenRules } from './jwt';
export { encodeViewerHeader, decodeViewerHeader, VIEWER_HEADER, REQUEST_ID_HEADER } from './viewerHeader';
export { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions, type BaseContext } from './createSubgraphServer';
export { serveHttp, type HttpServerHandle, type HttpRoutes } from './serveHttp';
export { requestLoggingPlugin, formatErrorFor } from './plugins';
export { batchByKey, batchGroupsByKey, perParentLoader } from './loaders';
export { encodeCursor, decodeCursor, encodeKeyset, decodeKeyset, pageSize, toConnection, MAX_PAGE_SIZE, type Connection } from './connection';
export type { EntityRef } from './references';
export { DateScalar, DateTimeScalar } from './scalars';
export { SubgraphClient, type SubgraphClientOptions } from './SubgraphClient';
export { requiredText, optionalText, idArgument, isBigintId, isUniqueViolation, mobilePhone } from './validate';
export { OperationMetrics } from './metrics';
export { operationalRoutes, quietPlugins } from './standard';
export {
  PersonalDataAudit,
  personalDataAuditPlugin,
  clientOperationName,
  type PersonalDataAuditSink,
  type PersonalDataField,
  type PersonalDataRead,
  type PersonalDataReadsOfResponse,
} from './personalDataAudit';
