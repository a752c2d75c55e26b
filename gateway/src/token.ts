/**
 * Mints a development token for the gateway:
 *   pnpm token --role INSURER --sub insurer-1 [--role ADMIN] [--volunteer-id 42] [--scope s] [--ttl 3600]
 * Signs with JWT_SECRET (or the development default, with a warning), like the gateway, and with its
 * JWT_ISSUER, JWT_AUDIENCE and longest lifetime (JWT_MAX_LIFETIME_SECONDS, 24 h by default). In
 * production a weak or committed JWT_SECRET is refused, as the gateway refuses it.
 */
import { parseArgs } from 'node:util';
import { mintToken } from '@vg/graphql';
import { identity, IDENTITY_CLAIMS, ROLES, type Role } from '@vg/standards';
import { loadTokenEnvironment } from './tokenEnvironment';

const { jwtSecret, tokenRules } = loadTokenEnvironment();

const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true, default: [] },
    sub: { type: 'string' },
    // One flag per identity claim, e.g. --volunteer-id 42.
    ...Object.fromEntries(Object.values(IDENTITY_CLAIMS).map(({ claim }) => [claim.replace(/_/g, '-'), { type: 'string' as const }])),
    scope: { type: 'string', multiple: true, default: [] },
    // Default: the longest lifetime the gateway accepts (24 h unless JWT_MAX_LIFETIME_SECONDS says otherwise).
    ttl: { type: 'string' },
  },
});

const roles = values.role.flatMap((r) => r.split(',')).map((r) => r.trim().toUpperCase());
const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
if (roles.length === 0 || unknown.length) {
  process.stderr.write(
    `${unknown.length ? `unknown role(s): ${unknown.join(', ')}\n` : ''}usage: pnpm token --role <ROLE> [--sub <subject>] [--volunteer-id <id>] [--ttl <seconds>]\nroles: ${ROLES.join(', ')}\n`,
  );
  process.exit(2);
}
const ttl = values.ttl === undefined ? tokenRules.maxLifetimeSeconds : Number(values.ttl);
if (!Number.isInteger(ttl) || ttl < 1 || ttl > tokenRules.maxLifetimeSeconds) {
  process.stderr.write(`--ttl must be a whole number of seconds from 1 to ${tokenRules.maxLifetimeSeconds} (JWT_MAX_LIFETIME_SECONDS): the gateway refuses longer-lived tokens\n`);
  process.exit(2);
}
const claims = Object.fromEntries(Object.entries(IDENTITY_CLAIMS).map(([field, { claim }]) => [field, (values as Record<string, unknown>)[claim.replace(/_/g, '-')] ?? null]));
const token = mintToken({ sub: values.sub ?? `dev-${roles[0].toLowerCase()}`, roles: roles as Role[], scopes: values.scope, ...claims }, jwtSecret, identity, ttl, tokenRules);
process.stdout.write(`${token}\n`);
