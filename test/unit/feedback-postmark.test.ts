import { describe, expect, it } from 'vitest';
import { parse, verify } from '../../server/src/services/feedback/webhooks/postmark';
import {
  postmarkAutoResponder,
  postmarkDelivery,
  postmarkHardBounce,
  postmarkOpen,
  postmarkSoftBounce,
  postmarkSpamComplaint,
  postmarkUnsubscribe,
} from '../fixtures/feedback/postmark';
import { webhookRequest } from '../helpers/webhook-request';

const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;
const request = (headers: Record<string, string | undefined>) => webhookRequest(postmarkHardBounce, headers);

describe('Postmark webhook verification', () => {
  const settings = { basicAuth: [{ username: 'postmark', password: 's3cret-long-password' }] };

  it('accepts the configured basic credentials, and any pair while one is rotated out', () => {
    expect(verify(request({ Authorization: basic('postmark:s3cret-long-password') }), settings)).toEqual({ ok: true });
    const rotating = { basicAuth: [{ username: 'postmark', password: 'new-one' }, ...settings.basicAuth] };
    expect(verify(request({ Authorization: basic('postmark:s3cret-long-password') }), rotating)).toEqual({ ok: true });
  });

  it('refuses a wrong password, a wrong user, a prefix and missing credentials', () => {
    for (const wrong of ['postmark:wrong', 'someone:s3cret-long-password', 'postmark:s3cret', 'postmark']) {
      expect(verify(request({ Authorization: basic(wrong) }), settings)).toEqual({
        ok: false,
        reason: 'bad-credentials',
      });
    }
    expect(verify(request({}), settings)).toEqual({ ok: false, reason: 'missing-credentials' });
    expect(verify(request({ Authorization: 'Bearer s3cret-long-password' }), settings)).toEqual({
      ok: false,
      reason: 'missing-credentials',
    });
  });

  it('accepts a secret header, and requires both when both are configured', () => {
    const header = { secretHeader: { name: 'X-Webhook-Secret', values: ['header-secret'] } };
    expect(verify(request({ 'X-Webhook-Secret': 'header-secret' }), header)).toEqual({ ok: true });
    expect(verify(request({ 'X-Webhook-Secret': 'other' }), header)).toEqual({ ok: false, reason: 'bad-credentials' });
    expect(verify(request({}), header)).toEqual({ ok: false, reason: 'missing-credentials' });

    const both = { ...settings, ...header };
    const auth = basic('postmark:s3cret-long-password');
    expect(verify(request({ Authorization: auth, 'X-Webhook-Secret': 'header-secret' }), both)).toEqual({ ok: true });
    expect(verify(request({ Authorization: auth }), both)).toEqual({ ok: false, reason: 'missing-credentials' });
    expect(verify(request({ 'X-Webhook-Secret': 'header-secret' }), both).ok).toBe(false);
  });

  it('refuses everything when nothing is configured, or only empty secrets', () => {
    expect(verify(request({ Authorization: basic(':') }), {})).toEqual({ ok: false, reason: 'not-configured' });
    const empty = { basicAuth: [{ username: '', password: '' }], secretHeader: { name: 'X-S', values: [''] } };
    expect(verify(request({ Authorization: basic(':'), 'X-S': '' }), empty)).toEqual({
      ok: false,
      reason: 'not-configured',
    });
  });
});

describe('Postmark event parsing', () => {
  const parsed = (record: object) => parse(Buffer.from(JSON.stringify(record)));

  it('maps a hard bounce with the reference from Metadata and the code from its details', () => {
    expect(parsed(postmarkHardBounce)).toEqual([
      {
        kind: 'bounce_hard',
        source: 'webhook:postmark',
        externalId: 'Bounce:692560173',
        occurredAt: new Date('2019-11-05T16:33:54.907Z'),
        deliveryRef: 'd42-abcdefghijklmnop',
        messageId: null, // Postmark's MessageID is its own, not our Message-ID header
        email: 'john@example.com',
        code: '5.1.1',
        detail: 'smtp;550 5.1.1 The email account that you tried to reach does not exist.',
      },
    ]);
  });

  it('names a bounce by its content when its 64-bit ID is past what JSON numbers hold exactly', () => {
    const raw = JSON.stringify(postmarkHardBounce).replace('"ID":692560173', '"ID":4323372036854775807');
    const [event] = parse(Buffer.from(raw));
    expect(event.externalId).toBe(
      'Bounce:883953f4-6105-42a2-a16a-77a8eac79483:John@Example.com:HardBounce:2019-11-05T16:33:54.9070259Z',
    );
    const next = raw.replace('"ID":4323372036854775807', '"ID":4323372036854775808');
    const retried = raw.replace('16:33:54.9070259Z', '16:40:00Z');
    expect(parse(Buffer.from(next))[0].externalId).toBe(event.externalId); // the same bounce posted again
    expect(parse(Buffer.from(retried))[0].externalId).not.toBe(event.externalId);
  });

  it('maps soft bounces, complaints, deliveries and unsubscribes', () => {
    expect(parsed(postmarkSoftBounce)).toMatchObject([{ kind: 'bounce_soft', externalId: 'Bounce:42' }]);
    expect(parsed(postmarkSpamComplaint)).toMatchObject([
      { kind: 'complaint', externalId: 'SpamComplaint:44', email: 'john@example.com' },
    ]);
    expect(parsed(postmarkDelivery)).toMatchObject([
      {
        kind: 'delivered',
        externalId: 'Delivery:883953f4-6105-42a2-a16a-77a8eac79483:john@example.com',
        deliveryRef: 'd42-abcdefghijklmnop',
        detail: 'Test delivery webhook details',
      },
    ]);
    expect(parsed(postmarkUnsubscribe)).toMatchObject([
      { kind: 'unsubscribe', email: 'john@example.com', occurredAt: new Date('2020-02-01T10:53:34.416Z') },
    ]);
  });

  it('finds the reference whatever case Postmark kept for the metadata key', () => {
    const record = { ...postmarkDelivery, Metadata: { 'EC-Ref': 'd7-abcdefghijklmnop' } };
    expect(parsed(record)[0].deliveryRef).toBe('d7-abcdefghijklmnop');
  });

  it('ignores opens, auto-responders, reactivations and suppressions recorded elsewhere', () => {
    expect(parsed(postmarkOpen)).toEqual([]);
    expect(parsed(postmarkAutoResponder)).toEqual([]);
    expect(parsed({ ...postmarkUnsubscribe, SuppressSending: false })).toEqual([]);
    expect(parsed({ ...postmarkUnsubscribe, SuppressionReason: 'HardBounce' })).toEqual([]);
  });

  it('throws a clear error on a malformed body', () => {
    expect(() => parse(Buffer.from('{"RecordType":'))).toThrow(/postmark webhook: the body is not JSON/);
    expect(() => parse(Buffer.from('[]'))).toThrow(/not a JSON object/);
    expect(() => parsed({ ...postmarkHardBounce, ID: undefined })).toThrow(/has no ID/);
  });
});
