import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parse, verify } from '../../server/src/services/feedback/webhooks/mailgun';
import {
  mailgunComplained,
  mailgunDelivered,
  mailgunOpened,
  mailgunPermanentFailure,
  mailgunSuppressedFailure,
  mailgunTemporaryFailure,
  mailgunUnsubscribed,
} from '../fixtures/feedback/mailgun';
import { webhookRequest } from '../helpers/webhook-request';

const KEY = 'key-7e55dd5f0b5b6f6b7c3b2b0e8a1c4d2e';
const NOW = new Date('2026-03-01T12:00:00Z');
const TIMESTAMP = String(NOW.getTime() / 1000);
const TOKEN = 'e0b5477167110d68991efc6b9f89f0a11066af27834600e123';

const hmac = (key: string, timestamp: string, token: string) =>
  createHmac('sha256', key)
    .update(timestamp + token)
    .digest('hex');

function body(eventData: object, signature: Record<string, string>) {
  return webhookRequest({ signature, 'event-data': eventData });
}

function signed(eventData: object = mailgunPermanentFailure, key = KEY, timestamp = TIMESTAMP, token = TOKEN) {
  return body(eventData, { timestamp, token, signature: hmac(key, timestamp, token) });
}

const settings = { signingKeys: [KEY] };

describe('Mailgun webhook verification', () => {
  it('accepts a signature over timestamp + token and names the token for the replay check', () => {
    expect(verify(signed(), settings, NOW)).toEqual({ ok: true, token: TOKEN, timestamp: Number(TIMESTAMP) });
  });

  it('accepts any configured key, and a subaccount event by its parent-signature', () => {
    expect(verify(signed(undefined, 'old-key'), { signingKeys: [KEY, 'old-key'] }, NOW).ok).toBe(true);
    const subaccount = body(mailgunDelivered, {
      timestamp: TIMESTAMP,
      token: TOKEN,
      signature: hmac('subaccount-key', TIMESTAMP, TOKEN),
      'parent-signature': hmac(KEY, TIMESTAMP, TOKEN),
    });
    expect(verify(subaccount, settings, NOW).ok).toBe(true);
  });

  it('refuses a signature made with another key or over another token', () => {
    expect(verify(signed(undefined, 'wrong-key'), settings, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    const forged = body(mailgunPermanentFailure, {
      timestamp: TIMESTAMP,
      token: 'another-token',
      signature: hmac(KEY, TIMESTAMP, TOKEN),
    });
    expect(verify(forged, settings, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    const zeros = body(mailgunPermanentFailure, { timestamp: TIMESTAMP, token: TOKEN, signature: '0'.repeat(64) });
    expect(verify(zeros, settings, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a stale or future timestamp, with a configurable window', () => {
    const old = String(Number(TIMESTAMP) - 601);
    expect(verify(signed(undefined, KEY, old), settings, NOW)).toEqual({ ok: false, reason: 'stale-timestamp' });
    expect(verify(signed(undefined, KEY, String(Number(TIMESTAMP) + 601)), settings, NOW).ok).toBe(false);
    expect(verify(signed(undefined, KEY, old), { ...settings, toleranceSeconds: 3600 }, NOW).ok).toBe(true);
  });

  it('refuses a request without a signature, timestamp or token', () => {
    const signature = { timestamp: TIMESTAMP, token: TOKEN, signature: hmac(KEY, TIMESTAMP, TOKEN) };
    const without = (name: string) =>
      body(mailgunDelivered, Object.fromEntries(Object.entries(signature).filter(([key]) => key !== name)));
    expect(verify(without('signature'), settings, NOW)).toEqual({ ok: false, reason: 'missing-signature' });
    expect(verify(without('timestamp'), settings, NOW)).toEqual({ ok: false, reason: 'missing-timestamp' });
    expect(verify(without('token'), settings, NOW)).toEqual({ ok: false, reason: 'malformed-body' });
    expect(verify(webhookRequest({ 'event-data': mailgunDelivered }), settings, NOW)).toEqual({
      ok: false,
      reason: 'malformed-body',
    });
    expect(verify(webhookRequest('not json'), settings, NOW)).toEqual({ ok: false, reason: 'malformed-body' });
  });

  it('refuses everything when no signing key is configured', () => {
    expect(verify(signed(), { signingKeys: [] }, NOW)).toEqual({ ok: false, reason: 'not-configured' });
    expect(verify(signed(undefined, ''), { signingKeys: [''] }, NOW)).toEqual({ ok: false, reason: 'not-configured' });
  });

  it('signs only timestamp and token: the event itself is not covered, hence the single-use token', () => {
    // Documented behaviour, kept visible: an event swapped under a captured signature verifies,
    // which is why the caller must refuse a token it has already seen.
    const captured = signed(mailgunDelivered);
    const swapped = body(mailgunPermanentFailure, JSON.parse(captured.rawBody.toString()).signature);
    expect(verify(swapped, settings, NOW)).toEqual({ ok: true, token: TOKEN, timestamp: Number(TIMESTAMP) });
  });
});

describe('Mailgun event parsing', () => {
  const parsed = (eventData: object) => parse(signed(eventData).rawBody, NOW);
  const shared = {
    source: 'webhook:mailgun',
    occurredAt: new Date(1521233123501.324),
    deliveryRef: 'd42-abcdefghijklmnop',
    messageId: '20130503182626.18666.16540@sandbox.mailgun.org',
    email: 'alice@example.com',
  };

  it('maps a permanent failure to a hard bounce with its enhanced code', () => {
    expect(parsed(mailgunPermanentFailure)).toEqual([
      {
        ...shared,
        kind: 'bounce_hard',
        externalId: 'G9Bn5sl1TC6nu79C8C0bwg',
        code: '5.1.1',
        detail: '550 5.1.1 The email account that you tried to reach does not exist.',
      },
    ]);
  });

  it("keeps Mailgun's own codes out of the SMTP code", () => {
    expect(parsed(mailgunSuppressedFailure)).toMatchObject([
      { kind: 'bounce_hard', code: null, detail: 'Not delivering to previously bounced address' },
    ]);
  });

  it('maps a temporary failure, a complaint, an unsubscribe and a delivery', () => {
    expect(parsed(mailgunTemporaryFailure)).toMatchObject([{ kind: 'bounce_soft', code: '4.2.2' }]);
    expect(parsed(mailgunComplained)).toEqual([
      { ...shared, kind: 'complaint', externalId: '-Agny091SquKnsrW2NEKUA', code: null, detail: null },
    ]);
    expect(parsed(mailgunUnsubscribed)).toMatchObject([{ kind: 'unsubscribe', externalId: 'Ase7i2zsRYeDXztHGENqRA' }]);
    expect(parsed(mailgunDelivered)).toMatchObject([{ kind: 'delivered', code: '250', detail: 'OK' }]);
  });

  it('ignores opens and clicks', () => {
    expect(parsed(mailgunOpened)).toEqual([]);
  });

  it('throws a clear error on a malformed body', () => {
    expect(() => parse(Buffer.from('{'))).toThrow(/mailgun webhook: the body is not JSON/);
    expect(() => parse(Buffer.from('{"signature":{}}'))).toThrow(/no event-data/);
    expect(() => parse(Buffer.from('{"event-data":{"event":"failed"}}'))).toThrow(/no id/);
  });
});
