export { parseEnvironment, EnvironmentError } from './parseEnvironment';
export { devSecret } from './devSecret';
export { portSchema, booleanSchema } from './schemas';
