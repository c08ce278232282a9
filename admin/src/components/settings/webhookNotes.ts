import type { WebhookType } from '../../../../server/src/contracts';
import type { Translate } from '../../utils/useT';

/** What to set up on the provider's side, and which config/plugins.js key holds the secret. */
export function webhookNotes(t: Translate): Record<WebhookType, { label: string; note: string }> {
  return {
    sendgrid: {
      label: 'SendGrid',
      note: t(
        'feedback.note.sendgrid',
        'Mail Settings → Event Webhook: paste the URL, select Bounced, Dropped, Spam Reports, Unsubscribes and Delivered, turn on Signed Event Webhook and put its verification key in feedback.webhooks.sendgrid.publicKeys.',
      ),
    },
    ses: {
      label: 'Amazon SES',
      note: t(
        'feedback.note.ses',
        'Create an SNS topic, subscribe this URL over HTTPS, and publish the configuration set’s Bounce, Complaint and Delivery events to it; name the topic in feedback.webhooks.ses.topicArns and the set in the provider’s sesConfigurationSet.',
      ),
    },
    mailgun: {
      label: 'Mailgun',
      note: t(
        'feedback.note.mailgun',
        'Sending → Webhooks: add the URL for Permanent Failure, Temporary Failure, Spam Complaints, Unsubscribes and Delivered; put the HTTP webhook signing key in feedback.webhooks.mailgun.signingKeys.',
      ),
    },
    postmark: {
      label: 'Postmark',
      note: t(
        'feedback.note.postmark',
        'Server → Message stream → Webhooks: add the URL with basic auth credentials (or a custom header) set in feedback.webhooks.postmark (basicAuth or secretHeader), and choose Bounce, Spam Complaint, Subscription Change and Delivery.',
      ),
    },
    brevo: {
      label: 'Brevo',
      note: t(
        'feedback.note.brevo',
        'Transactional → Settings → Webhooks: add the URL with a bearer token from feedback.webhooks.brevo.tokens, for Hard bounce, Soft bounce, Spam, Unsubscribed and Delivered.',
      ),
    },
  };
}
