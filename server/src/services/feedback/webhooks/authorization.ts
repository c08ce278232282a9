/**
 * Reading the credentials a provider sends in the Authorization header (RFC 7617 Basic,
 * RFC 6750 Bearer). Values are returned for a constant-time comparison, never compared here.
 */
import type { WebhookRequest } from './request';

// Far above any credential we configure; refuses megabyte headers before decoding them.
const MAX_AUTHORIZATION_LENGTH = 1024;

/** `user:password` from a Basic header, or null when there is none. */
export function basicCredentials(request: WebhookRequest): string | null {
  const match = /^Basic +([A-Za-z0-9+/]+={0,2})$/i.exec(authorization(request));
  return match ? Buffer.from(match[1], 'base64').toString('utf8') : null;
}

export function bearerToken(request: WebhookRequest): string | null {
  const match = /^Bearer +([\x21-\x7e]+)$/i.exec(authorization(request));
  return match ? match[1] : null;
}

function authorization(request: WebhookRequest): string {
  const value = request.headers.authorization?.trim() ?? '';
  return value.length > MAX_AUTHORIZATION_LENGTH ? '' : value;
}
