import type { ProviderLimits } from './presets';
import { DEFAULT_FEEDBACK, type FeedbackConfig } from './feedback';
import { DEFAULT_CAPTCHA, type CaptchaConfig } from './captcha';
import { DEFAULT_TRACKING, type TrackingConfig } from './tracking';

export interface DkimConfig {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

export interface ProviderConfig {
  preset?: string;
  host?: string;
  port?: number;
  secure?: boolean;
  /** Refuse to send unless the server upgrades to TLS (STARTTLS). Default: on, except for local hosts. */
  requireTLS?: boolean;
  auth?: { user?: string; pass?: string };
  from?: string;
  replyTo?: string;
  limits?: ProviderLimits;
  /** The share of the limits that confirmation mails may use; the rest is kept for campaigns. */
  confirmations?: { perHour?: number; perDay?: number };
  /** Parallel SMTP connections in the pool. */
  maxConnections?: number;
  dkim?: DkimConfig;
  /** Amazon SES: the configuration set that publishes events, so message tags (the delivery reference) reach them. */
  sesConfigurationSet?: string;
  /** Extra nodemailer transport options (tls, timeouts...). */
  transport?: Record<string, unknown>;
}

export interface PluginConfig {
  /** Base URL for links in mail (confirm, unsubscribe, preferences). */
  publicUrl?: string;
  /** Signs the tokens in those links; a list while rotating (the first signs, every one verifies). */
  secret?: string | string[];
  defaultProvider: string;
  providers: Record<string, ProviderConfig>;
  /** node-cron expression of the sender tick, or false to run ticks only on demand. */
  cron: string | false;
  /** Most rows one tick claims per provider. */
  batchSize: number;
  /** How long a claim is valid before another instance may treat it as abandoned. */
  leaseSeconds: number;
  /** Attempts before a transiently failing row is marked failed. */
  maxAttempts: number;
  /** Preferences links expire after this many days (unsubscribe links never do). */
  preferencesLinkDays: number;
  /** Pending (never confirmed) subscribers are purged after this many days. */
  pendingPurgeDays: number;
  /** Domain used in Message-ID and List-Id; defaults to the public URL's host. */
  mailDomain?: string;
  /** Abuse protection of the public API, counted per window. */
  rateLimit: {
    windowSeconds: number;
    /** Subscribe requests per client IP per window. */
    subscribePerIp: number;
    /** Subscribe requests per address per window, whoever sends them. */
    subscribePerEmail: number;
    /** Requests to the token pages and hosted forms per IP per window. */
    pagesPerIp: number;
  };
  /** At most one confirmation mail per address in this many minutes. */
  confirmationIntervalMinutes: number;
  /** Largest request body the public API reads. */
  maxBodyBytes: number;
  /** Largest total of a campaign's attachments, per message: checked on save and before sending. */
  maxAttachmentBytes: number;
  /** Replacement texts for the public pages and the confirmation mail: { en: { key: text }, vi: {...} }. */
  texts: Record<string, Record<string, string>>;
  /** Provider webhooks, the bounce mailbox, bounce rules and the reputation circuit breaker. */
  feedback: FeedbackConfig;
  /** The captcha of the public subscribe route: off by default. */
  captcha: CaptchaConfig;
  /** Open and click tracking: off by default (issue #14). */
  tracking: TrackingConfig;
}

export const DEFAULT_CONFIG: PluginConfig = {
  defaultProvider: 'main',
  providers: {},
  cron: '*/10 * * * * *',
  batchSize: 100,
  leaseSeconds: 300,
  maxAttempts: 6,
  pendingPurgeDays: 7,
  preferencesLinkDays: 90,
  rateLimit: { windowSeconds: 60, subscribePerIp: 10, subscribePerEmail: 3, pagesPerIp: 300 },
  confirmationIntervalMinutes: 60,
  maxBodyBytes: 16 * 1024,
  maxAttachmentBytes: 5 * 1024 * 1024,
  texts: {},
  feedback: DEFAULT_FEEDBACK,
  captcha: DEFAULT_CAPTCHA,
  tracking: DEFAULT_TRACKING,
};
