/**
 * Signed tokens for the links in mail: confirm, unsubscribe and preferences.
 *
 * A token is `base64url(body) + '.' + base64url(HMAC-SHA256(key, encodedBody))`, where the body is
 * the dotted form `purpose.subscriberId.expiry.campaignId` (empty fields for what is absent).
 * Tokens name the subscriber by id, never by email, and carry their own expiry: nothing is stored.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'confirm' | 'unsubscribe' | 'preferences';

export interface TokenPayload {
  sub: number;
  purpose: TokenPurpose;
  /** Expiry in unix seconds; absent for tokens that never expire (unsubscribe). */
  exp?: number;
  /** The campaign the link was sent in, so an unsubscribe can be attributed. */
  campaign?: number;
}

export type TokenFailure = 'malformed' | 'bad-signature' | 'expired' | 'wrong-purpose';

export type TokenCheck = { ok: true; payload: TokenPayload } | { ok: false; reason: TokenFailure };

export const CONFIRM_TOKEN_TTL_SECONDS = 72 * 3600;

// Far above any token we issue (about 70 chars), low enough that nobody can make us hash megabytes.
const MAX_TOKEN_LENGTH = 512;

// One letter per purpose keeps the links short.
const PURPOSE_CODES: Record<TokenPurpose, string> = {
  confirm: 'c',
  unsubscribe: 'u',
  preferences: 'p',
};
const PURPOSES_BY_CODE = new Map(
  Object.entries(PURPOSE_CODES).map(([purpose, code]) => [code, purpose as TokenPurpose]),
);

// Numbers have at most 15 digits, so every accepted value is a safe integer.
const BODY_PATTERN = /^([cup])\.([1-9]\d{0,14})\.([1-9]\d{0,14})?\.([1-9]\d{0,14})?$/;
const TOKEN_PATTERN = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;

export function signToken(
  secret: string,
  payload: { sub: number; purpose: TokenPurpose; campaign?: number; ttlSeconds?: number },
  now: Date = new Date(),
): string {
  const { sub, purpose, campaign, ttlSeconds } = payload;
  assertId('sub', sub);
  if (campaign !== undefined) assertId('campaign', campaign);
  if (ttlSeconds !== undefined && !(Number.isSafeInteger(ttlSeconds) && ttlSeconds > 0)) {
    throw new RangeError(`ttlSeconds must be a positive integer, got ${ttlSeconds}`);
  }
  if (!Object.hasOwn(PURPOSE_CODES, purpose)) {
    throw new RangeError(`unknown token purpose ${String(purpose)}`);
  }

  const exp = ttlSeconds === undefined ? '' : String(unixSeconds(now) + ttlSeconds);
  const body = [PURPOSE_CODES[purpose], sub, exp, campaign ?? ''].join('.');
  const encoded = Buffer.from(body).toString('base64url');
  return `${encoded}.${signature(secret, encoded)}`;
}

/** Checks a token from a request. Never throws on bad input: every failure is a reason. */
export function verifyToken(
  secret: string,
  token: unknown,
  expectedPurpose: TokenPurpose,
  now: Date = new Date(),
): TokenCheck {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return fail('malformed');
  const parts = TOKEN_PATTERN.exec(token);
  if (!parts) return fail('malformed');
  const [, encoded, givenSignature] = parts;

  // Compare the signature before reading the body: nothing unauthenticated is interpreted.
  const expected = Buffer.from(signature(secret, encoded));
  if (!timingSafeEqual(expected, Buffer.from(givenSignature))) return fail('bad-signature');

  const fields = BODY_PATTERN.exec(Buffer.from(encoded, 'base64url').toString());
  if (!fields) return fail('malformed');
  const [, code, sub, exp, campaign] = fields;

  const payload: TokenPayload = { sub: Number(sub), purpose: PURPOSES_BY_CODE.get(code)! };
  if (exp !== undefined) payload.exp = Number(exp);
  if (campaign !== undefined) payload.campaign = Number(campaign);

  if (payload.purpose !== expectedPurpose) return fail('wrong-purpose');
  if (payload.exp !== undefined && payload.exp <= unixSeconds(now)) return fail('expired');
  return { ok: true, payload };
}

function signature(secret: string, encodedBody: string): string {
  return createHmac('sha256', tokenKey(secret)).update(encodedBody).digest('base64url');
}

// A key derived for this one use, so the configured secret itself never signs anything.
function tokenKey(secret: string): Buffer {
  if (!secret) throw new TypeError('email-campaigns: the token secret is empty');
  return createHmac('sha256', secret).update('email-campaigns:tokens').digest();
}

function assertId(name: string, value: number): void {
  if (!(Number.isSafeInteger(value) && value > 0)) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
}

function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function fail(reason: TokenFailure): TokenCheck {
  return { ok: false, reason };
}
