// Postmark webhooks: no signature; the webhook is configured with HTTP basic credentials
// (HttpAuth) and/or custom headers (HttpHeaders): postmarkapp.com/developer/api/webhooks-api
// Payloads: postmarkapp.com/developer/webhooks/bounce-webhook, .../spam-complaint-webhook,
// .../delivery-webhook and .../subscription-change-webhook
import type { FeedbackEvent, FeedbackKind } from '../event';
import { POSTMARK_REFERENCE_KEY } from '../reference-headers';
import { basicCredentials } from './authorization';
import { matchesSecret } from './constant-time';
import { dateFromText, enhancedCodeIn, feedbackEvent, type ReportedEvent } from './feedback-event';
import { asObject, field, parseJson, text, WebhookPayloadError, type JsonObject } from './payload';
import { refuse, type Verification, type WebhookRequest } from './request';

export interface PostmarkWebhookSettings {
  /** The webhook's basic-auth credentials; several while one pair is rotated out. */
  basicAuth?: ReadonlyArray<{ username: string; password: string }>;
  /** A custom header the webhook sends, and the values accepted for it. */
  secretHeader?: { name: string; values: readonly string[] };
}

/** Every configured mechanism must pass; with none configured, nothing does. */
export function verify(request: WebhookRequest, settings: PostmarkWebhookSettings): Verification {
  const pairs = (settings.basicAuth ?? []).filter((pair) => pair.password !== '');
  const header = settings.secretHeader;
  const headerValues = header?.values.filter((value) => value !== '') ?? [];
  if (pairs.length === 0 && headerValues.length === 0) return refuse('not-configured');

  if (pairs.length > 0) {
    const given = basicCredentials(request);
    if (given === null) return refuse('missing-credentials');
    if (
      !matchesSecret(
        pairs.map((pair) => `${pair.username}:${pair.password}`),
        given,
      )
    ) {
      return refuse('bad-credentials');
    }
  }
  if (header && headerValues.length > 0) {
    const given = request.headers[header.name.toLowerCase()];
    if (given === undefined) return refuse('missing-credentials');
    if (!matchesSecret(headerValues, given)) return refuse('bad-credentials');
  }
  return { ok: true };
}

/** Postmark posts one record per request. */
export function parse(rawBody: Buffer, receivedAt: Date = new Date()): FeedbackEvent[] {
  const record = asObject(parseJson(rawBody, 'postmark'));
  if (!record) throw new WebhookPayloadError('postmark webhook: the body is not a JSON object');
  const reported = report(record);
  if (!reported) return [];
  const metadata = asObject(field(record, 'Metadata'));
  // Postmark's MessageID is its own id, not the message's Message-ID header: the reference is the link.
  const event = { ...reported, deliveryRef: metadataValue(metadata, POSTMARK_REFERENCE_KEY), messageId: null };
  return [feedbackEvent('webhook:postmark', event, receivedAt)];
}

function report(record: JsonObject): Omit<ReportedEvent, 'deliveryRef' | 'messageId'> | null {
  const recordType = text(field(record, 'RecordType'));
  const messageId = text(field(record, 'MessageID'));
  if (recordType === 'Bounce' || recordType === 'SpamComplaint') {
    const type = text(field(record, 'Type'));
    const kind = recordType === 'SpamComplaint' ? 'complaint' : bounceKind(type);
    if (!kind) return null;
    const id = field(record, 'ID');
    if (typeof id !== 'number') throw new WebhookPayloadError(`postmark webhook: a ${recordType} record has no ID`);
    const email = text(field(record, 'Email'));
    const bouncedAt = text(field(record, 'BouncedAt'));
    const detail = text(field(record, 'Details')) ?? text(field(record, 'Description'));
    return {
      kind,
      // IDs are 64-bit; past 2^53 JSON.parse rounds them, and two bounces could share one.
      externalId: Number.isSafeInteger(id)
        ? `${recordType}:${id}`
        : `${recordType}:${messageId}:${email}:${type}:${bouncedAt}`,
      occurredAt: dateFromText(bouncedAt),
      email,
      code: enhancedCodeIn(detail),
      detail,
    };
  }
  const recipient = text(field(record, 'Recipient'));
  if (recordType === 'Delivery') {
    return {
      kind: 'delivered',
      externalId: `Delivery:${messageId}:${recipient}`,
      occurredAt: dateFromText(text(field(record, 'DeliveredAt'))),
      email: recipient,
      code: null,
      detail: text(field(record, 'Details')),
    };
  }
  // A recipient's own unsubscribe; suppressions after bounces and complaints have their records.
  const unsubscribed =
    field(record, 'SuppressSending') === true &&
    text(field(record, 'SuppressionReason')) === 'ManualSuppression' &&
    text(field(record, 'Origin')) === 'Recipient';
  if (recordType === 'SubscriptionChange' && unsubscribed) {
    const changedAt = text(field(record, 'ChangedAt'));
    return {
      kind: 'unsubscribe',
      externalId: `SubscriptionChange:${messageId}:${recipient}:${changedAt}`,
      occurredAt: dateFromText(changedAt),
      email: recipient,
      code: null,
      detail: null,
    };
  }
  return null; // Open, Click, reactivations, ...
}

// Postmark's bounce types (postmarkapp.com/developer/api/bounce-api#bounce-types), by name:
// the TypeCode of a spam complaint differs between the docs' pages.
function bounceKind(type: string | null): FeedbackKind | null {
  switch (type) {
    case 'HardBounce':
    case 'BadEmailAddress':
      return 'bounce_hard';
    case 'SoftBounce':
    case 'Transient':
    case 'DnsError':
    case 'SpamNotification':
    case 'Blocked':
    case 'DMARCPolicy':
      return 'bounce_soft';
    case 'SpamComplaint':
      return 'complaint';
    case 'Unsubscribe':
      return 'unsubscribe';
    default:
      return null; // AutoResponder, AddressChange, ManuallyDeactivated, ...
  }
}

// Metadata keys keep the case they were sent with; ours is matched whatever it became.
function metadataValue(metadata: JsonObject | null, key: string): string | null {
  const name = Object.keys(metadata ?? {}).find((candidate) => candidate.toLowerCase() === key);
  return name ? text(field(metadata, name)) : null;
}
