/**
 * What a provider or a bounce mailbox tells us after the SMTP hand-off, in one shape whatever its
 * source: webhooks (SendGrid, SES through SNS, Mailgun, Postmark, Brevo) and DSN / ARF messages
 * read from an IMAP mailbox. See docs/architecture.md, "Outcome rules".
 */
export type FeedbackKind = 'bounce_hard' | 'bounce_soft' | 'complaint' | 'unsubscribe' | 'delivered';

export type FeedbackSource =
  | 'webhook:sendgrid'
  | 'webhook:ses'
  | 'webhook:mailgun'
  | 'webhook:postmark'
  | 'webhook:brevo'
  | 'imap';

export interface FeedbackEvent {
  kind: FeedbackKind;
  source: FeedbackSource;
  /**
   * Unique per event at its source (the provider's event id, or the mailbox message's
   * Message-ID): a replayed event finds its key already stored and changes nothing.
   */
  externalId: string;
  occurredAt: Date;
  /** The signed delivery reference the message carried and the provider echoed back, if any. */
  deliveryRef: string | null;
  /** The Message-ID of the original message, the fallback for finding its delivery row. */
  messageId: string | null;
  /** The recipient the event is about, as the provider reports it. */
  email: string | null;
  /** SMTP reply or enhanced status code, when the source gives one (e.g. "5.1.1"). */
  code: string | null;
  /** The provider's diagnostic text, trimmed; never shown to the subscriber. */
  detail: string | null;
}
