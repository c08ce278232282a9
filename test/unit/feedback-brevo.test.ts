import { describe, expect, it } from 'vitest';
import { parse, verify } from '../../server/src/services/feedback/webhooks/brevo';
import {
  brevoDelivered,
  brevoHardBounce,
  brevoOpened,
  brevoSoftBounce,
  brevoSpam,
  brevoUnsubscribed,
} from '../fixtures/feedback/brevo';
import { webhookRequest } from '../helpers/webhook-request';

const TOKEN = 'brevo-webhook-token-0123456789';
const settings = { tokens: [TOKEN] };

describe('Brevo webhook verification', () => {
  it('accepts the token as a bearer header or in the notify URL', () => {
    expect(verify(webhookRequest(brevoHardBounce, { Authorization: `Bearer ${TOKEN}` }), settings)).toEqual({
      ok: true,
    });
    expect(verify(webhookRequest(brevoHardBounce, {}, { token: TOKEN }), settings)).toEqual({ ok: true });
    expect(verify(webhookRequest(brevoHardBounce, {}, { token: TOKEN }), { tokens: ['next', TOKEN] }).ok).toBe(true);
  });

  it('refuses a wrong token, a prefix of it and a missing one', () => {
    for (const wrong of ['wrong', TOKEN.slice(0, -1), `${TOKEN}x`]) {
      expect(verify(webhookRequest(brevoHardBounce, { Authorization: `Bearer ${wrong}` }), settings)).toEqual({
        ok: false,
        reason: 'bad-credentials',
      });
      expect(verify(webhookRequest(brevoHardBounce, {}, { token: wrong }), settings).ok).toBe(false);
    }
    expect(verify(webhookRequest(brevoHardBounce), settings)).toEqual({ ok: false, reason: 'missing-credentials' });
    expect(verify(webhookRequest(brevoHardBounce, { Authorization: `Basic ${TOKEN}` }), settings)).toEqual({
      ok: false,
      reason: 'missing-credentials',
    });
  });

  it('refuses everything when no token is configured', () => {
    expect(verify(webhookRequest(brevoHardBounce, {}, { token: '' }), { tokens: [''] })).toEqual({
      ok: false,
      reason: 'not-configured',
    });
  });
});

describe('Brevo event parsing', () => {
  const parsed = (body: object) => parse(Buffer.from(JSON.stringify(body)));

  it('maps a hard bounce with the reference from X-Mailin-custom', () => {
    const [event] = parsed(brevoHardBounce);
    expect(event).toEqual({
      kind: 'bounce_hard',
      source: 'webhook:brevo',
      externalId: expect.stringMatching(/^[0-9a-f]{40}$/),
      occurredAt: new Date(1604933654123),
      deliveryRef: 'd42-abcdefghijklmnop',
      messageId: '202010091234.12345678901@smtp-relay.mailin.fr',
      email: 'example@domain.com',
      code: '5.1.1',
      detail: '550 5.1.1 user unknown',
    });
  });

  it("names events by their content, since Brevo's id is the webhook's", () => {
    const ids = [brevoHardBounce, brevoSoftBounce, brevoSpam, brevoDelivered].map((e) => parsed(e)[0].externalId);
    expect(new Set(ids).size).toBe(4);
    expect(parsed(brevoHardBounce)[0].externalId).toBe(ids[0]); // a retried post is the same event
    expect(parsed({ ...brevoHardBounce, email: 'other@domain.com' })[0].externalId).not.toBe(ids[0]);
  });

  it('maps soft bounces, spam reports, unsubscribes and deliveries, and ignores opens', () => {
    expect(parsed(brevoSoftBounce)).toMatchObject([{ kind: 'bounce_soft', code: '4.2.2' }]);
    expect(parsed(brevoSpam)).toMatchObject([{ kind: 'complaint', detail: null }]);
    expect(parsed(brevoUnsubscribed)).toMatchObject([{ kind: 'unsubscribe' }]);
    expect(parsed(brevoDelivered)).toMatchObject([{ kind: 'delivered' }]);
    expect(parsed(brevoOpened)).toEqual([]);
  });

  it('reads batched webhooks and a reference among other custom values', () => {
    const custom = { ...brevoDelivered, 'X-Mailin-custom': 'campaign:7|ec_ref:d9-abcdefghijklmnop|x:y' };
    const events = parsed([brevoHardBounce, brevoOpened, custom]);
    expect(events.map((e) => [e.kind, e.deliveryRef])).toEqual([
      ['bounce_hard', 'd42-abcdefghijklmnop'],
      ['delivered', 'd9-abcdefghijklmnop'],
    ]);
    expect(parsed({ ...brevoDelivered, 'X-Mailin-custom': 'something else' })[0].deliveryRef).toBeNull();
  });

  it('falls back to ts_event when ts_epoch is absent', () => {
    const event = { ...brevoDelivered, ts_epoch: undefined };
    expect(parsed(event)[0].occurredAt).toEqual(new Date(1604933654_000));
  });

  it('throws a clear error on a malformed body', () => {
    expect(() => parse(Buffer.from('event=hard_bounce'))).toThrow(/brevo webhook: the body is not JSON/);
    expect(() => parse(Buffer.from('"hard_bounce"'))).toThrow(/not an event or a list of events/);
    expect(() => parse(Buffer.from('[{"event":"spam"}, 3]'))).toThrow(/not an event or a list of events/);
  });
});
