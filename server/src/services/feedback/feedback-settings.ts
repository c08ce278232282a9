/**
 * What the Settings page shows of how the plugin hears about bounces and complaints: the webhook
 * URL of every provider type (configured or not, so a site owner sees what is on offer) and the
 * bounce mailbox without its password.
 */
import type { FeedbackConfig } from '../../config/feedback';
import type { FeedbackSettings } from '../../contracts';
import { WEBHOOK_TYPES } from './webhooks/adapters';

export function feedbackSettings(feedback: FeedbackConfig, publicBase: string): FeedbackSettings {
  const mailbox = feedback.bounceMailbox;
  return {
    webhooks: WEBHOOK_TYPES.map((type) => ({
      type,
      url: `${publicBase}/api/email-campaigns/webhooks/${type}`,
      configured: Boolean(feedback.webhooks[type]),
    })),
    bounceMailbox: mailbox
      ? {
          user: mailbox.auth.user,
          host: mailbox.host,
          mailbox: mailbox.mailbox ?? 'INBOX',
          intervalSeconds: mailbox.intervalSeconds,
          verp: Boolean(mailbox.verp),
        }
      : null,
  };
}
