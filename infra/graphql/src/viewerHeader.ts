import { createHmac, timingSafeEqual } from 'node:crypto';
import { claimsOf, type BaseViewer, type IdentityModel } from './viewer';

/** Header carrying the viewer from the gateway to subgraphs. */
export const VIEWER_HEADER = 'x-vg-viewer';
/** Header carrying the request id through every hop (and back to the client). */
export const REQUEST_ID_HEADER = 'x-request-id';

const MAX_AGE_SECONDS = 300;

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/**
 * `payload.signature`: the viewer as base64url JSON with an issue time, signed with the internal
 * secret, so a subgraph reached directly (not through the gateway) cannot be told a made-up viewer.
 */
export function encodeViewerHeader(viewer: BaseViewer, secret: string, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ ...viewer, iat: Math.floor(now / 1000) })).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** The viewer in a header made by `encodeViewerHeader`; throws on a bad signature, shape or age. */
export function decodeViewerHeader<V extends BaseViewer>(value: string, secret: string, model: IdentityModel<V>, now = Date.now()): V {
  const [payload, signature] = value.split('.');
  if (!payload || !signature) throw new Error('malformed viewer header');
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new Error('bad viewer header signature');
  const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  if (typeof data.iat !== 'number' || Math.abs(now / 1000 - data.iat) > MAX_AGE_SECONDS) throw new Error('viewer header expired');
  const known = [...model.roles, ...model.internalRoles];
  const roles = (Array.isArray(data.roles) ? data.roles : []).filter((r: unknown) => known.includes(r as string));
  return {
    sub: typeof data.sub === 'string' ? data.sub : null,
    roles,
    scopes: Array.isArray(data.scopes) ? data.scopes.map(String) : [],
    ...claimsOf(model, (field) => data[field]),
  } as unknown as V;
}
