/** Providers and the Settings page: `server/src/routes/admin/settings.ts`, `services/settings.ts`. */
import type { ApiResponse } from './common';

/** A provider's sending limits; null: none. */
export interface ProviderLimits {
  perSecond: number | null;
  perMinute: number | null;
  perHour: number | null;
  perDay: number | null;
}

/** What the admin may see of a provider: never its password or DKIM key (`GET /providers`). */
export interface ProviderView {
  name: string;
  preset: string;
  host: string;
  port: number;
  secure: boolean;
  requireTLS: boolean;
  user: string | null;
  hasPassword: boolean;
  from: string | null;
  replyTo: string | null;
  maxConnections: number;
  limits: ProviderLimits;
  dkim: { domainName: string; keySelector: string; hasPrivateKey: boolean } | null;
  /** `config`: config/plugins.js, read-only in the admin; `settings`: added in the Settings page. */
  source: 'config' | 'settings';
  isDefault: boolean;
}

/**
 * Body of `POST /settings/providers` and `PUT /settings/providers/:name` (the name is then taken
 * from the path). A blank password or DKIM key keeps the saved one; `clearPassword` removes it.
 */
export interface ProviderInput {
  name: string;
  preset: string;
  host?: string | null;
  port?: number | null;
  secure?: boolean | null;
  /** Left out or null: on for every host but this machine. */
  requireTLS?: boolean | null;
  user?: string | null;
  password?: string | null;
  clearPassword?: boolean;
  from?: string | null;
  replyTo?: string | null;
  maxConnections?: number | null;
  limits?: Partial<ProviderLimits>;
  dkim?: { domainName: string; keySelector: string; privateKey?: string | null } | null;
}

/** A known SMTP service: where it lives and the limits it publishes. */
export interface Preset {
  name: string;
  label: string;
  host?: string;
  port?: number;
  secure?: boolean;
  limits: Partial<ProviderLimits>;
}

/** Values from config/plugins.js, read-only in the admin. */
export interface GeneralSettings {
  publicUrl: string | null;
  /** False: the sender runs on demand only. */
  cron: string | false;
  batchSize: number;
  defaultProvider: string;
}

/**
 * Open and click tracking as config/plugins.js sets it (issue #14): off unless `enabled`; with
 * `aggregateOnly` no event names a person, whatever a campaign asks.
 */
export interface TrackingSettings {
  enabled: boolean;
  aggregateOnly: boolean;
}

/** `GET /settings`. */
export interface Settings {
  providers: ProviderView[];
  presets: Preset[];
  general: GeneralSettings;
  feedback: FeedbackSettings;
  tracking: TrackingSettings;
}

/** The provider types whose events the plugin receives on a webhook of its own. */
export type WebhookType = 'sendgrid' | 'ses' | 'mailgun' | 'postmark' | 'brevo';

/** Where a provider type posts its events, and whether config/plugins.js set it up (else the route answers 404). */
export interface WebhookEndpoint {
  type: WebhookType;
  url: string;
  configured: boolean;
}

/** How the plugin hears of bounces and complaints: webhooks and the bounce mailbox (never its password). */
export interface FeedbackSettings {
  webhooks: WebhookEndpoint[];
  bounceMailbox: { user: string; host: string; mailbox: string; intervalSeconds: number; verp: boolean } | null;
}

/** One line of the domain check: SPF, DKIM or DMARC. */
export interface DomainCheckLine {
  status: 'pass' | 'fail' | 'missing' | 'not-configured' | 'error';
  /** The DNS name that was looked up, which is also where `fix` goes; null when nothing was looked up. */
  name: string | null;
  /** The record(s) found there, several joined by a newline. */
  found: string | null;
  /** The whole TXT value to publish at `name`, when publishing one would fix the problem. */
  fix: string | null;
  /** Plain English, for the log and as the line's detail. */
  message: string;
}

/** `POST /settings/providers/:name/domain-check`: what DNS says about the provider's From domain. */
export interface DomainCheck {
  provider: string;
  fromDomain: string;
  spf: DomainCheckLine;
  dkim: DomainCheckLine;
  dmarc: DomainCheckLine;
}

/** `POST /settings/providers/:name/test`: the SMTP server's answer. */
export interface ConnectionTest {
  ok: boolean;
  message: string;
  /** Whether the provider's DKIM private key can sign; null when it has none. */
  dkim: { ok: boolean; message: string } | null;
}

export type ProviderSaved = ApiResponse<ProviderView>;
export type ProviderDeleted = ApiResponse<{ name: string }>;
export type ConnectionTested = ApiResponse<ConnectionTest>;
export type DomainChecked = ApiResponse<DomainCheck>;
