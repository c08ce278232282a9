// SendGrid Event Webhook, signed as
// https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features
// Payloads: https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event
import { createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';
import type { FeedbackEvent, FeedbackKind } from '../event';
import { REFERENCE_KEY } from '../reference-headers';
import { enhancedCodeIn, dateFromSeconds, feedbackEvent, stableId } from './feedback-event';
import { isFresh } from './freshness';
import { asArray, asObject, field, num, parseJson, text, WebhookPayloadError, type JsonObject } from './payload';
import { refuse, type Verification, type WebhookRequest } from './request';

export const SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
export const TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';

export interface SendgridWebhookSettings {
  /** The verification keys SendGrid shows (base64 DER, or PEM); several while one is rotated out. */
  publicKeys: readonly string[];
  /** How far the signed timestamp may be from now; 10 minutes by default. */
  toleranceSeconds?: number;
}

// A DER ECDSA P-256 signature is at most 72 bytes (96 characters of base64).
const MAX_SIGNATURE_LENGTH = 200;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * SendGrid signs `timestamp + body` with ECDSA P-256 / SHA-256 and sends the DER signature in
 * base64; the body must be the exact bytes received.
 */
export function verify(
  request: WebhookRequest,
  settings: SendgridWebhookSettings,
  now: Date = new Date(),
): Verification {
  const keys = settings.publicKeys.map(cachedKey).filter((key): key is KeyObject => key !== null);
  if (keys.length === 0) return refuse('not-configured');
  const signature = request.headers[SIGNATURE_HEADER];
  const timestamp = request.headers[TIMESTAMP_HEADER];
  if (!signature) return refuse('missing-signature');
  if (!timestamp) return refuse('missing-timestamp');
  if (!isFresh(timestamp, now, settings.toleranceSeconds)) return refuse('stale-timestamp');
  if (signature.length > MAX_SIGNATURE_LENGTH || !BASE64.test(signature)) return refuse('bad-signature');

  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), request.rawBody]);
  const der = Buffer.from(signature, 'base64');
  return keys.some((key) => verifiesWith(key, signed, der)) ? { ok: true } : refuse('bad-signature');
}

/** Reads a verification key as SendGrid shows it; throws when it is not an ECDSA P-256 key. */
export function parsePublicKey(value: string): KeyObject {
  const trimmed = value.trim();
  const key = trimmed.includes('-----BEGIN')
    ? createPublicKey(trimmed)
    : createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new TypeError('the SendGrid verification key is not an ECDSA P-256 public key');
  }
  return key;
}

export function parse(rawBody: Buffer, receivedAt: Date = new Date()): FeedbackEvent[] {
  const items = asArray(parseJson(rawBody, 'sendgrid'));
  if (!items) throw new WebhookPayloadError('sendgrid webhook: the body is not an array of events');
  const events: FeedbackEvent[] = [];
  for (const item of items) {
    const event = asObject(item);
    const kind = event && kindOf(event);
    if (!event || !kind) continue;
    const reason = text(field(event, 'reason'));
    events.push(
      feedbackEvent(
        'webhook:sendgrid',
        {
          kind,
          externalId: text(field(event, 'sg_event_id')) ?? stableId(JSON.stringify(event)),
          occurredAt: dateFromSeconds(num(field(event, 'timestamp'))),
          // unique_args come back as top-level fields of each event.
          deliveryRef: text(field(event, REFERENCE_KEY)),
          messageId: text(field(event, 'smtp-id')),
          email: text(field(event, 'email')),
          code: text(field(event, 'status')) ?? enhancedCodeIn(reason),
          detail: reason ?? text(field(event, 'response')),
        },
        receivedAt,
      ),
    );
  }
  return events;
}

function kindOf(event: JsonObject): FeedbackKind | null {
  switch (text(field(event, 'event'))) {
    case 'bounce':
      // "blocked" is a refusal for reputation or content, not a dead address.
      return text(field(event, 'type')) === 'blocked' ? 'bounce_soft' : 'bounce_hard';
    case 'spamreport':
      return 'complaint';
    case 'unsubscribe':
    case 'group_unsubscribe':
      return 'unsubscribe';
    case 'delivered':
      return 'delivered';
    default:
      // processed, deferred, dropped, open, click, ...: nothing the rules act on.
      return null;
  }
}

const keyCache = new Map<string, KeyObject | null>();

function cachedKey(value: string): KeyObject | null {
  if (!keyCache.has(value)) {
    let key: KeyObject | null = null;
    try {
      key = parsePublicKey(value);
    } catch {
      // A key that does not parse verifies nothing; config validation reports it at boot.
    }
    keyCache.set(value, key);
  }
  return keyCache.get(value) ?? null;
}

function verifiesWith(key: KeyObject, data: Buffer, signature: Buffer): boolean {
  try {
    return verifySignature('sha256', data, { key, dsaEncoding: 'der' }, signature);
  } catch {
    return false; // a signature that is not DER at all
  }
}
