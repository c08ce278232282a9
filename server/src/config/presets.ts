/**
 * Known SMTP providers: where they live and the limits they publish.
 * Every number can be overridden in the provider's own config.
 */
export interface ProviderLimits {
  perSecond?: number | null;
  perMinute?: number | null;
  perHour?: number | null;
  perDay?: number | null;
}

export interface Preset {
  label: string;
  host?: string;
  port?: number;
  secure?: boolean;
  limits: ProviderLimits;
}

export const PRESETS: Record<string, Preset> = {
  // support.google.com/a/answer/166852: 500 a day for consumer accounts.
  gmail: { label: 'Gmail', host: 'smtp.gmail.com', port: 465, secure: true, limits: { perDay: 500 } },
  // Google Workspace: 2,000 a day per user.
  'google-workspace': {
    label: 'Google Workspace',
    host: 'smtp.gmail.com',
    port: 465,
    secure: true,
    limits: { perDay: 2000 },
  },
  // SendGrid's free tier: 100 a day.
  sendgrid: { label: 'SendGrid', host: 'smtp.sendgrid.net', port: 587, secure: false, limits: { perDay: 100 } },
  // SES out of the sandbox starts at 14 a second; the host names the region.
  ses: {
    label: 'Amazon SES',
    host: 'email-smtp.us-east-1.amazonaws.com',
    port: 587,
    secure: false,
    limits: { perSecond: 14 },
  },
  mailgun: { label: 'Mailgun', host: 'smtp.mailgun.org', port: 587, secure: false, limits: {} },
  // Postmark publishes no sending limit; its SMTP host takes STARTTLS on 587 (or 25, 2525).
  postmark: { label: 'Postmark', host: 'smtp.postmarkapp.com', port: 587, secure: false, limits: {} },
  // Brevo's free plan: 300 a day.
  brevo: { label: 'Brevo', host: 'smtp-relay.brevo.com', port: 587, secure: false, limits: { perDay: 300 } },
  custom: { label: 'Custom SMTP', limits: {} },
};

export const PRESET_NAMES = Object.keys(PRESETS);
