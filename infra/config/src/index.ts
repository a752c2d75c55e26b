export { parseEnvironment, EnvironmentError } from './parseEnvironment';
export { devSecret } from './devSecret';
export { portSchema, booleanSchema } from './schemas';
export { internalSecret, jwtSecret, piiEncryptionKey, piiHashKey, sharedSecrets, sharedSecretsSchema, withSecretChecks, type SharedSecrets } from './sharedSecrets';
export { productionSecretIssues, secretWeakness, SECRETS, MIN_SECRET_LENGTH, type SecretIssue, type SecretName } from './secretRules';
export { stopOnSignals } from './stopOnSignals';
export { LOCAL_UTC_OFFSET_MS, localDate, localYear, localYearStart } from './localTime';
