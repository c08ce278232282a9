// Mailgun webhooks. Signing: documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks
// Payloads: documentation.mailgun.com/docs/mailgun/user-manual/webhooks/webhook-payloads
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FeedbackEvent, FeedbackKind } from '../event';
import { REFERENCE_KEY } from '../reference-headers';
import { dateFromSeconds, enhancedCodeIn, feedbackEvent } from './feedback-event';
import { isFresh } from './freshness';
import { asObject, at, field, num, parseJson, text, WebhookPayloadError, type Json, type JsonObject } from './payload';
import { refuse, type Refused, type WebhookRequest } from './request';

export interface MailgunWebhookSettings {
  /** HTTP webhook signing keys (several while one is rotated out). */
  signingKeys: readonly string[];
  /** How far the signed timestamp may be from now; 10 minutes by default. */
  toleranceSeconds?: number;
}

/**
 * A verified request names its token: the caller stores it (for at least the tolerance window)
 * and refuses a second request with the same token, which is how Mailgun asks to stop replays.
 */
export type MailgunVerification = { ok: true; token: string; timestamp: number } | Refused;

const TOKEN_PATTERN = /^[\x21-\x7e]{1,256}$/; // documented as 50 random characters
const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * Mailgun puts `{ timestamp, token, signature }` in the body; the signature is the hex
 * HMAC-SHA256 of `timestamp + token` under the webhook signing key. A subaccount's event also
 * carries `parent-signature`, made with the primary account's key; either one may match.
 */
export function verify(
  request: WebhookRequest,
  settings: MailgunWebhookSettings,
  now: Date = new Date(),
): MailgunVerification {
  const keys = settings.signingKeys.filter((key) => key !== '');
  if (keys.length === 0) return refuse('not-configured');
  const signed = signatureBlock(request.rawBody);
  if (!signed) return refuse('malformed-body');
  const timestamp = text(field(signed, 'timestamp'));
  const token = field(signed, 'token');
  const signatures = [field(signed, 'signature'), field(signed, 'parent-signature')].filter(
    (value): value is string => typeof value === 'string' && HEX_SHA256.test(value),
  );
  if (signatures.length === 0) return refuse('missing-signature');
  if (!timestamp) return refuse('missing-timestamp');
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) return refuse('malformed-body');
  if (!isFresh(timestamp, now, settings.toleranceSeconds)) return refuse('stale-timestamp');

  let matched = false;
  for (const key of keys) {
    const expected = createHmac('sha256', key)
      .update(timestamp + token)
      .digest();
    for (const signature of signatures) {
      if (timingSafeEqual(expected, Buffer.from(signature, 'hex'))) matched = true;
    }
  }
  return matched ? { ok: true, token, timestamp: Number(timestamp) } : refuse('bad-signature');
}

/** Mailgun posts one event per request. */
export function parse(rawBody: Buffer, receivedAt: Date = new Date()): FeedbackEvent[] {
  const data = asObject(field(asObject(parseJson(rawBody, 'mailgun')), 'event-data'));
  if (!data) throw new WebhookPayloadError('mailgun webhook: the body has no event-data object');
  const kind = kindOf(data);
  if (!kind) return [];
  const externalId = text(field(data, 'id'));
  if (!externalId) throw new WebhookPayloadError('mailgun webhook: the event has no id');
  const status = asObject(field(data, 'delivery-status'));
  const detail = text(field(status, 'description')) ?? text(field(status, 'message')) ?? text(field(data, 'reason'));
  return [
    feedbackEvent(
      'webhook:mailgun',
      {
        kind,
        externalId,
        occurredAt: dateFromSeconds(num(field(data, 'timestamp'))),
        deliveryRef: text(at(data, 'user-variables', REFERENCE_KEY)),
        messageId: text(at(data, 'message', 'headers', 'message-id')),
        email: text(field(data, 'recipient')),
        code: text(field(status, 'enhanced-code')) ?? enhancedCodeIn(detail) ?? smtpCode(field(status, 'code')),
        detail,
      },
      receivedAt,
    ),
  ];
}

function kindOf(data: JsonObject): FeedbackKind | null {
  switch (text(field(data, 'event'))) {
    case 'failed':
      // Temporary failures are retried by Mailgun and may still succeed.
      return text(field(data, 'severity')) === 'permanent' ? 'bounce_hard' : 'bounce_soft';
    case 'complained':
      return 'complaint';
    case 'unsubscribed':
      return 'unsubscribe';
    case 'delivered':
      return 'delivered';
    default:
      return null; // accepted, opened, clicked, stored, ...
  }
}

// Only the signature block is read before the signature is checked.
function signatureBlock(rawBody: Buffer): JsonObject | null {
  try {
    return asObject(field(asObject(JSON.parse(rawBody.toString('utf8')) as Json), 'signature'));
  } catch {
    return null;
  }
}

// Mailgun's own codes (605 "not delivering to a previously bounced address") are not SMTP's.
function smtpCode(value: Json | undefined): string | null {
  const code = num(value);
  return code !== null && code >= 200 && code < 600 ? String(code) : null;
}
