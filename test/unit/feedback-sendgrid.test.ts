import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  parse,
  parsePublicKey,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verify,
} from '../../server/src/services/feedback/webhooks/sendgrid';
import { WebhookPayloadError } from '../../server/src/services/feedback/webhooks/payload';
import { sendgridBatch } from '../fixtures/feedback/sendgrid';
import { webhookRequest } from '../helpers/webhook-request';

const NOW = new Date('2026-03-01T12:00:00Z');
const TIMESTAMP = String(NOW.getTime() / 1000);

function keyPair(): { privateKey: KeyObject; shown: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  // SendGrid shows the verification key as base64 DER (SubjectPublicKeyInfo) without PEM armour.
  return { privateKey, shown: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') };
}

const sendgrid = keyPair();
const other = keyPair();

function signed(body: string, privateKey = sendgrid.privateKey, timestamp = TIMESTAMP) {
  const signature = sign('sha256', Buffer.from(timestamp + body), privateKey).toString('base64');
  return webhookRequest(body, { [SIGNATURE_HEADER]: signature, [TIMESTAMP_HEADER]: timestamp });
}

const BODY = JSON.stringify(sendgridBatch);
const settings = { publicKeys: [sendgrid.shown] };

describe('SendGrid webhook verification', () => {
  it('accepts a batch signed over timestamp + raw body', () => {
    expect(verify(signed(BODY), settings, NOW)).toEqual({ ok: true });
  });

  it("verifies SendGrid's own published test vector (sendgrid-nodejs eventwebhook.spec.js)", () => {
    const request = webhookRequest('{"category":"example_payload","event":"test_event","message_id":"message_id"}', {
      [SIGNATURE_HEADER]:
        'MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=',
      [TIMESTAMP_HEADER]: '1588788367',
    });
    const publicKeys = [
      'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbh' +
        'dbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==',
    ];
    expect(verify(request, { publicKeys }, new Date(1588788367_000))).toEqual({ ok: true });
  });

  it('accepts a PEM key and any of several keys (rotation)', () => {
    const pem = parsePublicKey(sendgrid.shown).export({ format: 'pem', type: 'spki' }).toString();
    expect(verify(signed(BODY), { publicKeys: [other.shown, pem] }, NOW)).toEqual({ ok: true });
  });

  it('refuses a signature made with another key', () => {
    expect(verify(signed(BODY, other.privateKey), settings, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a forged or garbled signature', () => {
    const request = signed(BODY);
    const forged = {
      ...request.headers,
      [SIGNATURE_HEADER]: sign('sha256', Buffer.from('x'), sendgrid.privateKey).toString('base64'),
    };
    expect(verify({ ...request, headers: forged }, settings, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    for (const garbled of ['not base64!', 'AAAA', 'A'.repeat(500)]) {
      const headers = { ...request.headers, [SIGNATURE_HEADER]: garbled };
      expect(verify({ ...request, headers }, settings, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    }
  });

  it('refuses a body changed after signing, even by one byte of whitespace', () => {
    const request = signed(BODY);
    const tampered = BODY.replace('"event":"bounce"', '"event":"delivered"');
    expect(verify({ ...request, rawBody: Buffer.from(tampered) }, settings, NOW).ok).toBe(false);
    expect(verify({ ...request, rawBody: Buffer.from(`${BODY} `) }, settings, NOW).ok).toBe(false);
  });

  it('refuses a timestamp other than the signed one', () => {
    const request = signed(BODY);
    const headers = { ...request.headers, [TIMESTAMP_HEADER]: String(Number(TIMESTAMP) + 1) };
    expect(verify({ ...request, headers }, settings, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a stale or future timestamp, with a configurable window', () => {
    const old = String(Number(TIMESTAMP) - 601);
    expect(verify(signed(BODY, sendgrid.privateKey, old), settings, NOW)).toEqual({
      ok: false,
      reason: 'stale-timestamp',
    });
    const future = String(Number(TIMESTAMP) + 601);
    expect(verify(signed(BODY, sendgrid.privateKey, future), settings, NOW).ok).toBe(false);
    expect(verify(signed(BODY, sendgrid.privateKey, old), { ...settings, toleranceSeconds: 3600 }, NOW)).toEqual({
      ok: true,
    });
    expect(verify(signed(BODY, sendgrid.privateKey, 'yesterday'), settings, NOW).ok).toBe(false);
  });

  it('refuses a request without the signature or timestamp header', () => {
    const request = signed(BODY);
    const without = (name: string) => ({ ...request, headers: { ...request.headers, [name]: undefined } });
    expect(verify(without(SIGNATURE_HEADER), settings, NOW)).toEqual({ ok: false, reason: 'missing-signature' });
    expect(verify(without(TIMESTAMP_HEADER), settings, NOW)).toEqual({ ok: false, reason: 'missing-timestamp' });
  });

  it('refuses everything when no usable key is configured', () => {
    expect(verify(signed(BODY), { publicKeys: [] }, NOW)).toEqual({ ok: false, reason: 'not-configured' });
    expect(verify(signed(BODY), { publicKeys: ['not a key'] }, NOW)).toEqual({ ok: false, reason: 'not-configured' });
  });

  it('rejects a verification key that is not ECDSA P-256', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    expect(() => parsePublicKey(rsa.export({ format: 'der', type: 'spki' }).toString('base64'))).toThrow(/P-256/);
    expect(() => parsePublicKey('garbage')).toThrow();
  });
});

describe('SendGrid event parsing', () => {
  it('maps bounces, blocks, complaints, unsubscribes and deliveries, and ignores the rest', () => {
    const events = parse(Buffer.from(BODY), NOW);
    const shared = {
      source: 'webhook:sendgrid',
      occurredAt: new Date(1513299569_000),
      deliveryRef: 'd42-abcdefghijklmnop',
      messageId: '14c5d75ce93.dfd.64b469@ismtpd-555',
      email: 'example@test.com',
    };
    expect(events).toEqual([
      { ...shared, kind: 'delivered', externalId: 'rWVYmVk90MjZJ9iohOBa3w==', code: null, detail: '250 OK' },
      {
        ...shared,
        kind: 'bounce_hard',
        externalId: '6g4ZI7SA-xmRDv57GoPIPw==',
        code: '5.0.0',
        detail: '500 unknown recipient',
      },
      {
        ...shared,
        kind: 'bounce_soft',
        externalId: 'blocked-1',
        code: '5.7.1',
        detail: '550 5.7.1 Message rejected due to local policy',
      },
      { ...shared, kind: 'complaint', externalId: '37nvH5QBz858KGVYCM4uOA==', code: null, detail: null },
      { ...shared, kind: 'unsubscribe', externalId: 'zz_BjPgU_5pS-J8vlfB1sg==', code: null, detail: null },
      { ...shared, kind: 'unsubscribe', externalId: 'group-1', code: null, detail: null },
    ]);
  });

  it('keeps fields it cannot trust out: a malformed reference, an over-long reason', () => {
    const body = JSON.stringify([
      { event: 'bounce', email: 'a@b.c', ec_ref: 'd1"; DROP', reason: 'x'.repeat(2000), timestamp: 'soon' },
    ]);
    const [event] = parse(Buffer.from(body), NOW);
    expect(event.deliveryRef).toBeNull();
    expect(event.detail).toHaveLength(500);
    expect(event.occurredAt).toEqual(NOW); // no usable time: the time it was received
    expect(event.externalId).toMatch(/^[0-9a-f]{40}$/); // no sg_event_id: a hash of the event
    expect(parse(Buffer.from(body), NOW)[0].externalId).toBe(event.externalId);
  });

  it('throws a clear error on a body that is not a JSON array', () => {
    expect(() => parse(Buffer.from('[{"event":'))).toThrow(WebhookPayloadError);
    expect(() => parse(Buffer.from('[{"event":'))).toThrow(/sendgrid webhook: the body is not JSON/);
    expect(() => parse(Buffer.from('{"event":"bounce"}'))).toThrow(/not an array/);
  });

  it('parses a batch of 1,000 events', () => {
    const batch = Array.from({ length: 1000 }, (_, i) => ({
      ...sendgridBatch[5],
      sg_event_id: `event-${i}`,
      email: `person${i}@example.com`,
    }));
    const events = parse(Buffer.from(JSON.stringify(batch)), NOW);
    expect(events).toHaveLength(1000);
    expect(new Set(events.map((e) => e.externalId)).size).toBe(1000);
  });
});
