// Amazon SES events through an SNS topic. Verification: see sns.ts. Event contents:
// docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html (event publishing)
// and docs.aws.amazon.com/ses/latest/dg/notification-contents.html (identity notifications).
import type { FeedbackEvent, FeedbackKind } from '../event';
import { REFERENCE_KEY } from '../reference-headers';
import { dateFromText, feedbackEvent, type ReportedEvent } from './feedback-event';
import {
  asArray,
  asObject,
  at,
  field,
  parseJson,
  text,
  WebhookPayloadError,
  type Json,
  type JsonObject,
} from './payload';
import type { WebhookRequest } from './request';
import { verifySnsMessage, type SnsSettings, type SnsVerification } from './sns';

export type SesWebhookSettings = SnsSettings;

/**
 * Verifies the SNS envelope. A `SubscriptionConfirmation` comes back with its SubscribeURL
 * (already checked to be an SNS host) for the caller to visit once.
 */
export function verify(
  request: WebhookRequest,
  settings: SesWebhookSettings,
  now: Date = new Date(),
): Promise<SnsVerification> {
  return verifySnsMessage(request.rawBody, settings, now);
}

/** The events of a verified SNS message; confirmations and SES's own test message give none. */
export function parse(rawBody: Buffer, receivedAt: Date = new Date()): FeedbackEvent[] {
  const envelope = asObject(parseJson(rawBody, 'ses'));
  if (!envelope) throw new WebhookPayloadError('ses webhook: the body is not an SNS message');
  if (field(envelope, 'Type') !== 'Notification') return [];
  const snsMessageId = text(field(envelope, 'MessageId'));
  if (!snsMessageId) throw new WebhookPayloadError('ses webhook: the SNS message has no MessageId');
  const notification = sesNotification(field(envelope, 'Message'));
  if (!notification) return [];

  const type = text(field(notification, 'eventType')) ?? text(field(notification, 'notificationType'));
  const mail = asObject(field(notification, 'mail'));
  const common = {
    deliveryRef: text(asArray(at(mail, 'tags', REFERENCE_KEY))?.[0]),
    messageId: text(at(mail, 'commonHeaders', 'messageId')) ?? headerValue(mail, 'message-id'),
  };
  const reports = type ? recipientsOf(type, notification) : [];
  return reports.map((report, index) =>
    feedbackEvent('webhook:ses', { ...common, ...report, externalId: `${snsMessageId}:${index}` }, receivedAt),
  );
}

type RecipientReport = Omit<ReportedEvent, 'externalId' | 'deliveryRef' | 'messageId'>;

// One report per recipient the event names, in the order SES lists them.
function recipientsOf(type: string, notification: JsonObject): RecipientReport[] {
  if (type === 'Bounce') {
    const bounce = asObject(field(notification, 'bounce'));
    // Transient and Undetermined may clear up; only Permanent means the address is dead.
    const kind: FeedbackKind = text(field(bounce, 'bounceType')) === 'Permanent' ? 'bounce_hard' : 'bounce_soft';
    const occurredAt = dateFromText(text(field(bounce, 'timestamp')));
    return objects(field(bounce, 'bouncedRecipients')).map((recipient) => ({
      kind,
      occurredAt,
      email: text(field(recipient, 'emailAddress')),
      code: text(field(recipient, 'status')),
      detail: text(field(recipient, 'diagnosticCode')) ?? text(field(bounce, 'bounceSubType')),
    }));
  }
  if (type === 'Complaint') {
    const complaint = asObject(field(notification, 'complaint'));
    const occurredAt = dateFromText(text(field(complaint, 'timestamp')));
    return objects(field(complaint, 'complainedRecipients')).map((recipient) => ({
      kind: 'complaint',
      occurredAt,
      email: text(field(recipient, 'emailAddress')),
      code: null,
      detail: text(field(complaint, 'complaintFeedbackType')),
    }));
  }
  if (type === 'Delivery') {
    const delivery = asObject(field(notification, 'delivery'));
    const occurredAt = dateFromText(text(field(delivery, 'timestamp')));
    return (asArray(field(delivery, 'recipients')) ?? []).map((recipient) => ({
      kind: 'delivered',
      occurredAt,
      email: text(recipient),
      code: null,
      detail: text(field(delivery, 'smtpResponse')),
    }));
  }
  return []; // Send, Reject, Open, Click, DeliveryDelay, Subscription, ...
}

// The SNS Message holds the SES notification as JSON text; SES's setup test is plain text.
function sesNotification(message: Json | undefined): JsonObject | null {
  if (typeof message !== 'string') return null;
  try {
    return asObject(JSON.parse(message) as Json);
  } catch {
    return null;
  }
}

// mail.headers is a list of { name, value }, present when "include original headers" is on.
function headerValue(mail: JsonObject | null, name: string): string | null {
  const header = objects(field(mail, 'headers')).find((h) => text(field(h, 'name'))?.toLowerCase() === name);
  return header ? text(field(header, 'value')) : null;
}

function objects(value: Json | undefined): JsonObject[] {
  return (asArray(value) ?? []).map(asObject).filter((item): item is JsonObject => item !== null);
}
