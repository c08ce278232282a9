/**
 * Signed tokens for the links in mail: confirm, unsubscribe, preferences and web (view in browser).
 *
 * A token is `base64url(body) + '.' + base64url(HMAC-SHA256(key, encodedBody))`, where the body is
 * the dotted form `purpose.subscriberId.expiry.campaignId[.nonce.listIds]` (empty fields for what is
 * absent). Tokens name the subscriber by id, never by email, and carry their own expiry.
 * Confirm tokens also carry the nonce of the request that sent them and the lists that mail named,
 * so a confirmation applies to that request only (docs/architecture.md, "Public API and pages").
 * Web tokens name the campaign whose message they show and never expire ("Engagement").
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'confirm' | 'unsubscribe' | 'preferences' | 'web';

export interface TokenPayload {
  sub: number;
  purpose: TokenPurpose;
  /** Expiry in unix seconds; absent for tokens that never expire (unsubscribe). */
  exp?: number;
  /** The campaign the link was sent in, so an unsubscribe can be attributed. */
  campaign?: number;
  /** Confirm tokens: the nonce stored with the request that sent the mail. */
  nonce?: string;
  /** Confirm tokens: the lists the mail asked to confirm. */
  lists?: number[];
}

export type TokenFailure = 'malformed' | 'bad-signature' | 'expired' | 'wrong-purpose';

/** An expired token whose signature is good still says whose it was, so the page can offer a fresh link. */
export type TokenCheck =
  | { ok: true; payload: TokenPayload }
  | { ok: false; reason: 'expired'; payload: TokenPayload }
  | { ok: false; reason: Exclude<TokenFailure, 'expired'> };

/** One secret, or several while rotating: the first signs, every one verifies. */
export type Secrets = string | readonly string[];

export const CONFIRM_TOKEN_TTL_SECONDS = 72 * 3600;

// Far above any token we issue (about 70 chars, a confirm token with 50 lists 400), low enough that
// nobody can make us hash megabytes.
const MAX_TOKEN_LENGTH = 1024;
const MAX_LISTS = 50;

// One letter per purpose keeps the links short.
const PURPOSE_CODES: Record<TokenPurpose, string> = {
  confirm: 'c',
  unsubscribe: 'u',
  preferences: 'p',
  web: 'w',
};
const PURPOSES_BY_CODE = new Map(
  Object.entries(PURPOSE_CODES).map(([purpose, code]) => [code, purpose as TokenPurpose]),
);

// Numbers have at most 15 digits, so every accepted value is a safe integer.
const ID = '[1-9]\\d{0,14}';
const BODY_PATTERN = new RegExp(
  `^([cupw])\\.(${ID})\\.(${ID})?\\.(${ID})?(?:\\.([A-Za-z0-9_-]{16,32})\\.(${ID}(?:-${ID}){0,${MAX_LISTS - 1}}))?$`,
);
const TOKEN_PATTERN = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;
const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,32}$/;

/** A fresh nonce for a confirmation request, stored with the person and carried by the link. */
export function newConfirmNonce(): string {
  return randomBytes(12).toString('base64url');
}

export function signToken(
  secrets: Secrets,
  payload: {
    sub: number;
    purpose: TokenPurpose;
    campaign?: number;
    ttlSeconds?: number;
    nonce?: string;
    lists?: number[];
  },
  now: Date = new Date(),
): string {
  const { sub, purpose, campaign, ttlSeconds, nonce, lists } = payload;
  assertId('sub', sub);
  if (campaign !== undefined) assertId('campaign', campaign);
  if (ttlSeconds !== undefined && !(Number.isSafeInteger(ttlSeconds) && ttlSeconds > 0)) {
    throw new RangeError(`ttlSeconds must be a positive integer, got ${ttlSeconds}`);
  }
  if (!Object.hasOwn(PURPOSE_CODES, purpose)) {
    throw new RangeError(`unknown token purpose ${String(purpose)}`);
  }
  if ((nonce === undefined) !== (lists === undefined)) throw new RangeError('nonce and lists go together');
  if (purpose === 'web' && campaign === undefined) throw new RangeError('a web token names its campaign');
  if (nonce !== undefined && !NONCE_PATTERN.test(nonce)) throw new RangeError('malformed nonce');
  if (lists !== undefined && (lists.length === 0 || lists.length > MAX_LISTS)) {
    throw new RangeError(`a token names 1 to ${MAX_LISTS} lists, got ${lists.length}`);
  }
  lists?.forEach((id) => assertId('list', id));

  const exp = ttlSeconds === undefined ? '' : String(unixSeconds(now) + ttlSeconds);
  const fields = [PURPOSE_CODES[purpose], sub, exp, campaign ?? ''];
  if (nonce !== undefined && lists !== undefined) fields.push(nonce, lists.join('-'));
  const encoded = Buffer.from(fields.join('.')).toString('base64url');
  return `${encoded}.${signature(signingSecret(secrets), encoded)}`;
}

/** Checks a token from a request against every accepted secret. Never throws on bad input. */
export function verifyToken(
  secrets: Secrets,
  token: unknown,
  expectedPurpose: TokenPurpose,
  now: Date = new Date(),
): TokenCheck {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return fail('malformed');
  const parts = TOKEN_PATTERN.exec(token);
  if (!parts) return fail('malformed');
  const [, encoded, givenSignature] = parts;

  // Compare the signature before reading the body: nothing unauthenticated is interpreted. Every
  // secret is tried, so the time taken does not tell which one matched.
  const given = Buffer.from(givenSignature);
  let matched = false;
  for (const secret of secretList(secrets)) {
    if (timingSafeEqual(Buffer.from(signature(secret, encoded)), given)) matched = true;
  }
  if (!matched) return fail('bad-signature');

  const fields = BODY_PATTERN.exec(Buffer.from(encoded, 'base64url').toString());
  if (!fields) return fail('malformed');
  const [, code, sub, exp, campaign, nonce, lists] = fields;

  const payload: TokenPayload = { sub: Number(sub), purpose: PURPOSES_BY_CODE.get(code)! };
  if (exp !== undefined) payload.exp = Number(exp);
  if (campaign !== undefined) payload.campaign = Number(campaign);
  if (nonce !== undefined) payload.nonce = nonce;
  if (lists !== undefined) payload.lists = lists.split('-').map(Number);

  if (payload.purpose !== expectedPurpose) return fail('wrong-purpose');
  // A confirm token without its request's nonce cannot say which request it confirms.
  if (payload.purpose === 'confirm' && payload.nonce === undefined) return fail('malformed');
  // A web token without its campaign cannot say which message to show.
  if (payload.purpose === 'web' && payload.campaign === undefined) return fail('malformed');
  // Preferences links issued before they expired count as expired: they are renewed by mail.
  const expired = payload.exp !== undefined ? payload.exp <= unixSeconds(now) : payload.purpose === 'preferences';
  if (expired) return { ok: false, reason: 'expired', payload };
  return { ok: true, payload };
}

/** The secrets a config gives, in order; the first one signs. */
export function secretList(secrets: Secrets | undefined): string[] {
  const list = typeof secrets === 'string' ? [secrets] : [...(secrets ?? [])];
  if (list.length === 0 || list.some((secret) => typeof secret !== 'string' || !secret)) {
    throw new TypeError('email-campaigns: the token secret is empty');
  }
  return list;
}

function signingSecret(secrets: Secrets): string {
  return secretList(secrets)[0];
}

function signature(secret: string, encodedBody: string): string {
  return createHmac('sha256', tokenKey(secret)).update(encodedBody).digest('base64url');
}

// A key derived for this one use, so the configured secret itself never signs anything.
function tokenKey(secret: string): Buffer {
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

function fail(reason: Exclude<TokenFailure, 'expired'>): TokenCheck {
  return { ok: false, reason };
}
