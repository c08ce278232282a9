/**
 * The header through which each provider learns a message's delivery reference and echoes it
 * back in every event about that message. A generic SMTP server echoes nothing: its bounces are
 * matched by Message-ID or by a VERP return path instead.
 *
 * - SendGrid: X-SMTPAPI `unique_args`, returned as top-level event fields.
 *   twilio.com/docs/sendgrid/for-developers/sending-email/unique-arguments
 * - Amazon SES: X-SES-MESSAGE-TAGS, returned in `mail.tags` (only through a configuration set).
 *   docs.aws.amazon.com/ses/latest/dg/event-publishing-send-email.html
 * - Mailgun: X-Mailgun-Variables, returned in `user-variables`.
 *   documentation.mailgun.com/docs/mailgun/user-manual/sending-messages/send-attachments ("Attaching Metadata")
 * - Postmark: X-PM-Metadata-<key>, returned in `Metadata`.
 *   postmarkapp.com/support/article/1125-custom-metadata-faq-1
 * - Brevo: X-Mailin-custom, `key:value|key:value`, returned verbatim in the event.
 *   developers.brevo.com/docs/transactional-webhooks
 */
export const REFERENCE_PROVIDERS = ['sendgrid', 'ses', 'mailgun', 'postmark', 'brevo'] as const;

export type ReferenceProvider = (typeof REFERENCE_PROVIDERS)[number];

/** The name the reference travels under in every provider's metadata. */
export const REFERENCE_KEY = 'ec_ref';

/** Postmark turns the rest of the header name into the metadata key, hence the dash. */
export const POSTMARK_REFERENCE_KEY = 'ec-ref';

// SES tag values are the narrowest carrier; anything else could also break a header or JSON.
const REF_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isReferenceProvider(type: string): type is ReferenceProvider {
  return (REFERENCE_PROVIDERS as readonly string[]).includes(type);
}

/** The headers to add to a message sent through a provider of this type; none for plain SMTP. */
export function referenceHeaders(type: string, ref: string): Record<string, string> {
  if (!REF_PATTERN.test(ref)) throw new RangeError(`not a delivery reference: ${JSON.stringify(ref)}`);
  if (!isReferenceProvider(type)) return {};
  switch (type) {
    case 'sendgrid':
      return { 'X-SMTPAPI': JSON.stringify({ unique_args: { [REFERENCE_KEY]: ref } }) };
    case 'ses':
      return { 'X-SES-MESSAGE-TAGS': `${REFERENCE_KEY}=${ref}` };
    case 'mailgun':
      return { 'X-Mailgun-Variables': JSON.stringify({ [REFERENCE_KEY]: ref }) };
    case 'postmark':
      return { [`X-PM-Metadata-${POSTMARK_REFERENCE_KEY}`]: ref };
    case 'brevo':
      return { 'X-Mailin-custom': `${REFERENCE_KEY}:${ref}` };
  }
}
