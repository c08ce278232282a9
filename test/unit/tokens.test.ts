import { describe, expect, it } from 'vitest';
import { CONFIRM_TOKEN_TTL_SECONDS, newConfirmNonce, signToken, verifyToken } from '../../server/src/services/tokens';

const SECRET = 'a-long-random-secret-for-tests';
const NOW = new Date('2026-03-01T12:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;

// Replaces one character with another character of the base64url alphabet.
function tamper(token: string, index: number): string {
  const replacement = token[index] === 'A' ? 'B' : 'A';
  return token.slice(0, index) + replacement + token.slice(index + 1);
}

describe('tokens', () => {
  it('round-trips a confirm token with its expiry, its request nonce and the lists it confirms', () => {
    const nonce = newConfirmNonce();
    const request = { nonce, lists: [3, 17] };
    const token = signToken(
      SECRET,
      { sub: 42, purpose: 'confirm', ttlSeconds: CONFIRM_TOKEN_TTL_SECONDS, ...request },
      NOW,
    );
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyToken(SECRET, token, 'confirm', NOW)).toEqual({
      ok: true,
      payload: { sub: 42, purpose: 'confirm', exp: NOW_SECONDS + 72 * 3600, nonce, lists: [3, 17] },
    });
    expect(newConfirmNonce()).not.toBe(nonce);
  });

  it('refuses a confirm token that carries no request nonce', () => {
    const token = signToken(SECRET, { sub: 42, purpose: 'confirm', ttlSeconds: 3600 }, NOW);
    expect(verifyToken(SECRET, token, 'confirm', NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('signs with the first of several secrets and accepts every one, so a secret can be rotated', () => {
    const old = 'the-secret-being-rotated-out';
    const fromBefore = signToken(old, { sub: 9, purpose: 'unsubscribe', campaign: 5 });
    const rotating = [SECRET, old];
    expect(verifyToken(rotating, fromBefore, 'unsubscribe')).toMatchObject({ ok: true, payload: { sub: 9 } });
    const fresh = signToken(rotating, { sub: 9, purpose: 'unsubscribe' });
    expect(verifyToken(SECRET, fresh, 'unsubscribe').ok).toBe(true);
    expect(verifyToken(old, fresh, 'unsubscribe')).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyToken([SECRET], fromBefore, 'unsubscribe')).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('expires preferences tokens and still says whose they were; one without an expiry counts as expired', () => {
    const token = signToken(SECRET, { sub: 42, purpose: 'preferences', ttlSeconds: 90 * 86_400 }, NOW);
    const later = (days: number) => new Date(NOW.getTime() + days * 86_400_000);
    expect(verifyToken(SECRET, token, 'preferences', later(89)).ok).toBe(true);
    expect(verifyToken(SECRET, token, 'preferences', later(90))).toEqual({
      ok: false,
      reason: 'expired',
      payload: { sub: 42, purpose: 'preferences', exp: NOW_SECONDS + 90 * 86_400 },
    });
    const ancient = signToken(SECRET, { sub: 42, purpose: 'preferences' });
    expect(verifyToken(SECRET, ancient, 'preferences')).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('round-trips an unsubscribe token with a campaign and no expiry', () => {
    const token = signToken(SECRET, { sub: 7, purpose: 'unsubscribe', campaign: 123 });
    expect(token.length).toBeLessThan(80);
    expect(verifyToken(SECRET, token, 'unsubscribe')).toEqual({
      ok: true,
      payload: { sub: 7, purpose: 'unsubscribe', campaign: 123 },
    });
    const inTenYears = new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000);
    expect(verifyToken(SECRET, token, 'unsubscribe', inTenYears).ok).toBe(true);
  });

  it('round-trips a web token: its person and campaign, no expiry, and no use as another purpose', () => {
    const token = signToken(SECRET, { sub: 7, purpose: 'web', campaign: 123 });
    expect(verifyToken(SECRET, token, 'web')).toEqual({ ok: true, payload: { sub: 7, purpose: 'web', campaign: 123 } });
    const inTenYears = new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000);
    expect(verifyToken(SECRET, token, 'web', inTenYears).ok).toBe(true);
    expect(verifyToken(SECRET, token, 'unsubscribe')).toEqual({ ok: false, reason: 'wrong-purpose' });
    // An unsubscribe link of the same person and campaign does not open the web view.
    const unsubscribe = signToken(SECRET, { sub: 7, purpose: 'unsubscribe', campaign: 123 });
    expect(verifyToken(SECRET, unsubscribe, 'web')).toEqual({ ok: false, reason: 'wrong-purpose' });
    expect(verifyToken(SECRET, tamper(token, 3), 'web')).toEqual({ ok: false, reason: 'bad-signature' });
    expect(() => signToken(SECRET, { sub: 7, purpose: 'web' })).toThrow(/campaign/);
  });

  it('rejects a token whose payload or signature was changed', () => {
    const token = signToken(SECRET, { sub: 42, purpose: 'preferences', ttlSeconds: 3600 });
    const dot = token.indexOf('.');
    expect(verifyToken(SECRET, tamper(token, 0), 'preferences')).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(verifyToken(SECRET, tamper(token, dot + 5), 'preferences')).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('rejects a token made for another purpose', () => {
    const token = signToken(SECRET, { sub: 42, purpose: 'unsubscribe' });
    expect(verifyToken(SECRET, token, 'confirm')).toEqual({ ok: false, reason: 'wrong-purpose' });
  });

  it('rejects an expired token', () => {
    const request = { nonce: newConfirmNonce(), lists: [1] };
    const token = signToken(SECRET, { sub: 42, purpose: 'confirm', ttlSeconds: 3600, ...request }, NOW);
    const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
    expect(verifyToken(SECRET, token, 'confirm', later(3599)).ok).toBe(true);
    expect(verifyToken(SECRET, token, 'confirm', later(3600))).toMatchObject({
      ok: false,
      reason: 'expired',
    });
  });

  it('rejects a token signed with another secret', () => {
    const token = signToken('another-secret', { sub: 42, purpose: 'confirm' });
    expect(verifyToken(SECRET, token, 'confirm')).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 12345],
    ['an object', { token: 'x' }],
    ['an empty string', ''],
    ['dots', '...'],
    ['a dot', '.'],
    ['no signature', 'YS4xLi4.'],
    ['a short signature', 'YS4xLi4.abc'],
    ['non-base64url characters', 'a+b/c.' + 'A'.repeat(43)],
    ['a huge string', 'A'.repeat(100_000) + '.' + 'A'.repeat(43)],
  ])('reports %s as malformed without throwing', (_name, input) => {
    expect(verifyToken(SECRET, input, 'confirm')).toEqual({ ok: false, reason: 'malformed' });
  });

  it('never signs a token without a secret or with a bad id', () => {
    expect(() => signToken('', { sub: 1, purpose: 'confirm' })).toThrow(/secret/);
    expect(() => signToken([], { sub: 1, purpose: 'confirm' })).toThrow(/secret/);
    expect(() => signToken(SECRET, { sub: 0, purpose: 'confirm' })).toThrow(RangeError);
    expect(() => signToken(SECRET, { sub: 1.5, purpose: 'confirm' })).toThrow(RangeError);
    expect(() => signToken(SECRET, { sub: 1, purpose: 'unsubscribe', campaign: -1 })).toThrow(RangeError);
  });
});
