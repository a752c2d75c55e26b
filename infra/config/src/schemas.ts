import { z } from 'zod';

/** A TCP port from an environment string; 0 means "any free port". */
export const portSchema = z.coerce.number().int().min(0).max(65535);

/** "true"/"1"/"yes" and "false"/"0"/"no" (any case) from an environment string. */
export const booleanSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v, ctx) => {
    if (['true', '1', 'yes'].includes(v)) return true;
    if (['false', '0', 'no', ''].includes(v)) return false;
    ctx.addIssue({ code: 'custom', message: `expected true or false, got "${v}"` });
    return z.NEVER;
  });
