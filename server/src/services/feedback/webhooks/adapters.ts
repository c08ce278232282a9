/**
 * Each provider type's verifier and parser behind one shape, so the intake treats them alike:
 * what a verified request asks of the caller beyond recording its events (spend Mailgun's
 * token, confirm an SNS subscription) comes back with the verification.
 */
import type { FeedbackConfig } from '../../../config/feedback';
import type { FeedbackEvent } from '../event';
import * as brevo from './brevo';
import { DEFAULT_TOLERANCE_SECONDS } from './freshness';
import * as mailgun from './mailgun';
import * as postmark from './postmark';
import type { WebhookType } from '../../../contracts';
import type { Refused, WebhookRequest } from './request';
import * as sendgrid from './sendgrid';
import * as ses from './ses';

/** The provider types that post to `/api/email-campaigns/webhooks/<type>`, each named once, in the contract's order. */
export const WEBHOOK_TYPES = [
  'sendgrid',
  'ses',
  'mailgun',
  'postmark',
  'brevo',
] as const satisfies readonly WebhookType[];
export type { WebhookType };

export type Accepted =
  | { ok: true; action: 'record' }
  /** Record only if this single-use token was never seen, by any instance. */
  | { ok: true; action: 'record-once'; nonce: { scope: string; value: string; expiresAt: Date } }
  | { ok: true; action: 'confirm-subscription'; subscribeUrl: string }
  /** Nothing to do: SNS tells us a subscription ended. */
  | { ok: true; action: 'none' };

export interface WebhookAdapter<Settings> {
  verify(request: WebhookRequest, settings: Settings, now: Date): Promise<Accepted | Refused>;
  parse(rawBody: Buffer, receivedAt: Date): FeedbackEvent[];
}

/** Each type's settings, present. */
export type WebhookSettings = { [Type in WebhookType]: NonNullable<FeedbackConfig['webhooks'][Type]> };

const RECORD: Accepted = { ok: true, action: 'record' };

export const ADAPTERS: { [Type in WebhookType]: WebhookAdapter<WebhookSettings[Type]> } = {
  sendgrid: {
    verify: async (request, settings, now) => {
      const verification = sendgrid.verify(request, settings, now);
      return verification.ok ? RECORD : verification;
    },
    parse: sendgrid.parse,
  },
  ses: {
    verify: async (request, settings, now) => {
      const verification = await ses.verify(request, settings, now);
      if (!verification.ok) return verification;
      if (verification.type === 'SubscriptionConfirmation') {
        return { ok: true, action: 'confirm-subscription', subscribeUrl: verification.subscribeUrl };
      }
      return verification.type === 'Notification' ? RECORD : { ok: true, action: 'none' };
    },
    parse: ses.parse,
  },
  mailgun: {
    verify: async (request, settings, now) => {
      const verification = mailgun.verify(request, settings, now);
      if (!verification.ok) return verification;
      // Kept until the signed timestamp goes stale: a replay after that is refused as stale.
      const tolerance = settings.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
      const expiresAt = new Date((verification.timestamp + tolerance) * 1000);
      return { ok: true, action: 'record-once', nonce: { scope: 'mailgun', value: verification.token, expiresAt } };
    },
    parse: mailgun.parse,
  },
  postmark: {
    verify: async (request, settings) => {
      const verification = postmark.verify(request, settings);
      return verification.ok ? RECORD : verification;
    },
    parse: postmark.parse,
  },
  brevo: {
    verify: async (request, settings) => {
      const verification = brevo.verify(request, settings);
      return verification.ok ? RECORD : verification;
    },
    parse: brevo.parse,
  },
};
