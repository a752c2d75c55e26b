export { parseEnvironment, EnvironmentError } from './parseEnvironment';
export { devSecret } from './devSecret';
export { portSchema, booleanSchema } from './schemas';
export { internalSecret, jwtSecret, piiEncryptionKey, piiHashKey, sharedSecrets, sharedSecretsSchema, type SharedSecrets } from './sharedSecrets';
export { stopOnSignals } from './stopOnSignals';
export { LOCAL_UTC_OFFSET_MS, localDate, localYear, localYearStart } from './localTime';
