export { parseEnvironment, EnvironmentError } from './parseEnvironment';
export { devSecret } from './devSecret';
export { portSchema, booleanSchema } from './schemas';
export { sharedSecrets, sharedSecretsSchema, jwtSecret, type SharedSecrets } from './sharedSecrets';
export { stopOnSignals } from './stopOnSignals';
