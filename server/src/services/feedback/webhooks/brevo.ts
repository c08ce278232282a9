// Brevo transactional webhooks. No signature: the webhook is created with a bearer token
// (`auth: { type: 'bearer', token }`), sent as `Authorization: Bearer <token>`, or the token
// rides in the notify URL we give it (`?token=`): developers.brevo.com/docs/secured-webhooks
// Payloads: developers.brevo.com/docs/transactional-webhooks
import type { FeedbackEvent, FeedbackKind } from '../event';
import { REFERENCE_KEY } from '../reference-headers';
import { bearerToken } from './authorization';
import { matchesSecret } from './constant-time';
import { dateFromSeconds, enhancedCodeIn, feedbackEvent, stableId } from './feedback-event';
import { asArray, asObject, field, num, parseJson, text, WebhookPayloadError, type Json } from './payload';
import { refuse, type Verification, type WebhookRequest } from './request';

export interface BrevoWebhookSettings {
  /** Accepted tokens; several while one is rotated out. */
  tokens: readonly string[];
}

export function verify(request: WebhookRequest, settings: BrevoWebhookSettings): Verification {
  const tokens = settings.tokens.filter((token) => token !== '');
  if (tokens.length === 0) return refuse('not-configured');
  const given = bearerToken(request) ?? request.query.token;
  if (!given) return refuse('missing-credentials');
  return matchesSecret(tokens, given) ? { ok: true } : refuse('bad-credentials');
}

/** One event per request, or an array of them when the webhook is created as `batched`. */
export function parse(rawBody: Buffer, receivedAt: Date = new Date()): FeedbackEvent[] {
  const body = parseJson(rawBody, 'brevo');
  const items = asArray(body) ?? [body];
  if (items.some((item) => asObject(item) === null)) {
    throw new WebhookPayloadError('brevo webhook: the body is not an event or a list of events');
  }
  return items.flatMap((item) => eventOf(item, receivedAt));
}

function eventOf(item: Json, receivedAt: Date): FeedbackEvent[] {
  const event = asObject(item);
  const name = text(field(event, 'event'));
  const kind = kindOf(name);
  if (!kind) return [];
  const email = text(field(event, 'email'));
  const messageId = text(field(event, 'message-id'));
  const epochMs = num(field(event, 'ts_epoch'));
  const seconds = epochMs !== null ? epochMs / 1000 : (num(field(event, 'ts_event')) ?? num(field(event, 'ts')));
  const reason = text(field(event, 'reason'));
  return [
    feedbackEvent(
      'webhook:brevo',
      {
        kind,
        // Brevo's `id` is the webhook's, shared by all its events: the event is named by its content.
        externalId: stableId(name, messageId, email, seconds),
        occurredAt: dateFromSeconds(seconds),
        deliveryRef: customValue(text(field(event, 'X-Mailin-custom')), REFERENCE_KEY),
        messageId,
        email,
        code: enhancedCodeIn(reason),
        detail: reason,
      },
      receivedAt,
    ),
  ];
}

function kindOf(name: string | null): FeedbackKind | null {
  switch (name) {
    case 'hard_bounce':
    case 'invalid_email': // the address does not exist or cannot: as permanent as a bounce
      return 'bounce_hard';
    case 'soft_bounce':
      return 'bounce_soft';
    case 'spam':
      return 'complaint';
    case 'unsubscribed':
      return 'unsubscribe';
    case 'delivered':
      return 'delivered';
    default:
      return null; // request, deferred, blocked, opened, click, error, ...
  }
}

// X-Mailin-custom comes back verbatim; we send it as `key:value`, Brevo's documented
// `key:value|key:value` convention, so other values on the same header are left alone.
function customValue(custom: string | null, key: string): string | null {
  for (const pair of custom?.split('|') ?? []) {
    const separator = pair.indexOf(':');
    if (separator > 0 && pair.slice(0, separator).trim() === key) return pair.slice(separator + 1).trim() || null;
  }
  return null;
}
