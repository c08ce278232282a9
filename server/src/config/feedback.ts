import type { BounceMailboxOptions } from '../services/feedback/bounce-mailbox';
import type { BrevoWebhookSettings } from '../services/feedback/webhooks/brevo';
import type { MailgunWebhookSettings } from '../services/feedback/webhooks/mailgun';
import type { PostmarkWebhookSettings } from '../services/feedback/webhooks/postmark';
import type { SendgridWebhookSettings } from '../services/feedback/webhooks/sendgrid';
import type { SesWebhookSettings } from '../services/feedback/webhooks/ses';

/**
 * What the plugin hears after the SMTP hand-off and what it does about it: provider webhooks, a
 * bounce mailbox, the bounce rules and the reputation circuit breaker.
 * See docs/architecture.md, "Outcome rules".
 */
export interface FeedbackConfig {
  /** Largest webhook body read, in bytes: a SendGrid batch of 1,000 events weighs about 1 MB. */
  webhookMaxBodyBytes: number;
  /** One entry per provider type whose events the site receives; an absent type answers 404. */
  webhooks: {
    sendgrid?: SendgridWebhookSettings;
    ses?: SesWebhookSettings & {
      /**
       * Visits the SubscribeURL of a verified SNS SubscriptionConfirmation; by default an https GET.
       * Tests pass a function that records the URL instead.
       */
      confirmSubscription?: (url: string) => Promise<void>;
    };
    mailgun?: MailgunWebhookSettings;
    postmark?: PostmarkWebhookSettings;
    brevo?: BrevoWebhookSettings;
  };
  /** A soft bounce only counts against a person after `limit` of them within `windowDays`. */
  softBounces: { limit: number; windowDays: number };
  /** Bounce and complaint rates above which a campaign or a provider pauses. */
  breaker: {
    /** Nothing is judged before this many messages went out. */
    minSends: number;
    /** Bounces are counted over this many most recent sends. */
    bounceWindow: number;
    bounceRate: number;
    /** Complaints are counted over this many most recent sends, and over `complaintDays` days. */
    complaintWindow: number;
    complaintDays: number;
    complaintWarnRate: number;
    complaintPauseRate: number;
  };
  /**
   * An IMAP mailbox that receives bounces (DSN) and feedback reports (ARF), read by one instance per
   * interval on the scheduler's beat; false for none. See docs/architecture.md, "Bounce mailbox".
   */
  bounceMailbox: false | BounceMailboxConfig;
  /** DNS servers for the domain check (host or host:port); the system's resolver when empty. */
  dns: { servers: string[]; timeoutMs: number };
}

/** The IMAP connection and folders as the mailbox reader takes them, and how often to read. */
export interface BounceMailboxConfig
  extends Pick<
    BounceMailboxOptions,
    'host' | 'port' | 'secure' | 'auth' | 'mailbox' | 'processedFolder' | 'failedFolder'
  > {
  /** How often one instance reads the mailbox; at least 60. */
  intervalSeconds: number;
  /**
   * VERP: when set, campaign messages go out with the return path `<localPart>+<signed ref>@<domain>`
   * so a bounce names its delivery even when the report quotes nothing else.
   */
  verp?: { localPart: string; domain: string };
}

export const DEFAULT_FEEDBACK: FeedbackConfig = {
  webhookMaxBodyBytes: 5 * 1024 * 1024,
  webhooks: {},
  softBounces: { limit: 3, windowDays: 15 },
  breaker: {
    minSends: 100,
    bounceWindow: 500,
    bounceRate: 0.05,
    complaintWindow: 5000,
    complaintDays: 7,
    complaintWarnRate: 0.001,
    complaintPauseRate: 0.003,
  },
  bounceMailbox: false,
  dns: { servers: [], timeoutMs: 5000 },
};
