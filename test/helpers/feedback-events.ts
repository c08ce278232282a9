/**
 * Provider events about test deliveries, shaped like the fixtures in test/fixtures/feedback/
 * (each provider's documented examples), signed as the provider signs them, and the rows they
 * are about: sent deliveries of a real campaign to real subscribers.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { TABLES } from '../../server/src/constants';
import { signDeliveryRef } from '../../server/src/services/feedback/delivery-ref';
import { sendgridBatch } from '../fixtures/feedback/sendgrid';
import { sesBounce } from '../fixtures/feedback/ses';
import { mailgunPermanentFailure } from '../fixtures/feedback/mailgun';
import { postmarkHardBounce } from '../fixtures/feedback/postmark';
import { brevoHardBounce } from '../fixtures/feedback/brevo';
import type { BurstRequest } from './http-burst';
import { baseEnv } from './strapi';
import { createCampaign, createList, insertSubscribers } from './fixtures';
import {
  signBrevo,
  signMailgun,
  signPostmark,
  signSendgrid,
  signSns,
  type ProviderType,
  type SignedRequest,
} from './webhook-signing';

export type Kind = 'bounce_hard' | 'bounce_soft' | 'complaint' | 'unsubscribe' | 'delivered';

/** A sent delivery: what a provider's event names it by. */
export interface SentDelivery {
  id: number;
  campaignId: number;
  subscriberId: number;
  email: string;
  /** Without angle brackets, as providers report it. */
  messageId: string;
  ref: string;
}

const SECRET = baseEnv().EMAIL_CAMPAIGNS_SECRET;

/** `count` subscribed people on a list, and a sent campaign with one `sent` row for each. */
export async function sentDeliveries(strapi: Core.Strapi, count: number): Promise<SentDelivery[]> {
  const db = strapi.db.connection;
  const list = await createList(strapi);
  const subscriberIds = await insertSubscribers(strapi, count, { lists: [Number(list.id)] });
  const campaign = await createCampaign(strapi, { lists: [list], status: 'sent' });
  const campaignId = Number(campaign.id);
  const at = new Date();
  const messageId = (subscriberId: number) => `fb${subscriberId}.c${campaignId}@feedback.test`;
  for (let start = 0; start < subscriberIds.length; start += 500) {
    const rows = await db(TABLES.subscribers)
      .whereIn('id', subscriberIds.slice(start, start + 500))
      .select('id', 'email');
    await db(TABLES.deliveries).insert(
      rows.map((row: { id: number; email: string }) => ({
        kind: 'campaign',
        campaign_id: campaignId,
        subscriber_id: row.id,
        email: row.email,
        provider: 'main',
        status: 'sent',
        attempts: 1,
        sent_at: at,
        handed_at: at,
        message_id: `<${messageId(Number(row.id))}>`,
        created_at: at,
        updated_at: at,
      })),
    );
  }
  const rows = await db(TABLES.deliveries)
    .where('campaign_id', campaignId)
    .orderBy('id')
    .select('id', 'subscriber_id', 'email');
  return rows.map((row: { id: number; subscriber_id: number; email: string }) => ({
    id: Number(row.id),
    campaignId,
    subscriberId: Number(row.subscriber_id),
    email: row.email,
    messageId: messageId(Number(row.subscriber_id)),
    ref: signDeliveryRef(SECRET, Number(row.id)),
  }));
}

const unique = () => randomBytes(9).toString('base64url');
const epoch = (at: Date) => Math.floor(at.getTime() / 1000);

export function sendgridEvent(kind: Kind, d: SentDelivery, at = new Date()): object {
  const base = { ...sendgridBatch[0], email: d.email, timestamp: epoch(at), 'smtp-id': `<${d.messageId}>` };
  const event = { ...base, sg_event_id: unique(), ec_ref: d.ref };
  switch (kind) {
    case 'bounce_hard':
      return { ...event, event: 'bounce', type: 'bounce', reason: '550 5.1.1 unknown recipient', status: '5.1.1' };
    case 'bounce_soft':
      return { ...event, event: 'bounce', type: 'blocked', reason: '550 5.7.1 rejected by policy', status: '5.7.1' };
    case 'complaint':
      return { ...event, event: 'spamreport' };
    case 'unsubscribe':
      return { ...event, event: 'unsubscribe' };
    case 'delivered':
      return { ...event, event: 'delivered', response: '250 OK' };
  }
}

export function sesEvent(kind: Kind, d: SentDelivery, at = new Date()): object {
  const mail = { ...sesBounce.mail, commonHeaders: { messageId: `<${d.messageId}>` }, tags: { ec_ref: [d.ref] } };
  const timestamp = at.toISOString();
  switch (kind) {
    case 'bounce_hard':
    case 'bounce_soft': {
      const bounceType = kind === 'bounce_hard' ? 'Permanent' : 'Transient';
      const recipient = { ...sesBounce.bounce.bouncedRecipients[0], emailAddress: d.email };
      return {
        ...sesBounce,
        bounce: { ...sesBounce.bounce, bounceType, bouncedRecipients: [recipient], timestamp },
        mail,
      };
    }
    case 'complaint':
      return {
        eventType: 'Complaint',
        complaint: { complainedRecipients: [{ emailAddress: d.email }], timestamp, complaintFeedbackType: 'abuse' },
        mail,
      };
    case 'delivered':
      return { eventType: 'Delivery', delivery: { recipients: [d.email], timestamp, smtpResponse: '250 OK' }, mail };
    case 'unsubscribe':
      throw new Error('SES reports no unsubscribes');
  }
}

export function mailgunEvent(kind: Kind, d: SentDelivery, at = new Date()): object {
  const event = {
    ...mailgunPermanentFailure,
    id: unique(),
    timestamp: at.getTime() / 1000,
    recipient: d.email,
    'user-variables': { ec_ref: d.ref },
    message: { ...mailgunPermanentFailure.message, headers: { 'message-id': d.messageId } },
  };
  switch (kind) {
    case 'bounce_hard':
      return event;
    case 'bounce_soft':
      return { ...event, severity: 'temporary' };
    case 'complaint':
      return { ...event, event: 'complained' };
    case 'unsubscribe':
      return { ...event, event: 'unsubscribed' };
    case 'delivered':
      return { ...event, event: 'delivered' };
  }
}

let postmarkIds = 1_000_000 + Math.floor(Math.random() * 1_000_000_000);

export function postmarkEvent(kind: Kind, d: SentDelivery, at = new Date()): object {
  const record = {
    ...postmarkHardBounce,
    ID: ++postmarkIds,
    MessageID: randomUUID(),
    Email: d.email,
    BouncedAt: at.toISOString(),
    Metadata: { 'ec-ref': d.ref },
  };
  const { MessageID, Metadata } = record;
  switch (kind) {
    case 'bounce_hard':
      return record;
    case 'bounce_soft':
      return { ...record, Type: 'SoftBounce', TypeCode: 4096 };
    case 'complaint':
      return { ...record, RecordType: 'SpamComplaint', Type: 'SpamComplaint', TypeCode: 512 };
    case 'unsubscribe':
      return {
        RecordType: 'SubscriptionChange',
        MessageID,
        Recipient: d.email,
        Origin: 'Recipient',
        SuppressSending: true,
        SuppressionReason: 'ManualSuppression',
        ChangedAt: at.toISOString(),
        Metadata,
      };
    case 'delivered':
      return { RecordType: 'Delivery', MessageID, Recipient: d.email, DeliveredAt: at.toISOString(), Metadata };
  }
}

export function brevoEvent(kind: Kind, d: SentDelivery, at = new Date()): object {
  const names: Record<Kind, string> = {
    bounce_hard: 'hard_bounce',
    bounce_soft: 'soft_bounce',
    complaint: 'spam',
    unsubscribe: 'unsubscribed',
    delivered: 'delivered',
  };
  return {
    ...brevoHardBounce,
    event: names[kind],
    email: d.email,
    'message-id': `<${d.messageId}>`,
    ts_epoch: at.getTime(),
    'X-Mailin-custom': `ec_ref:${d.ref}`,
  };
}

/** One signed request per event, or (SendGrid) one batch for all of them. */
export function signedRequests(type: ProviderType, events: object[], at = new Date()): SignedRequest[] {
  switch (type) {
    case 'sendgrid':
      return [signSendgrid(events, at)];
    case 'ses':
      return events.map((event) => signSns({ Message: JSON.stringify(event) }, at));
    case 'mailgun':
      return events.map((event) => signMailgun(event, at));
    case 'postmark':
      return events.map((event) => signPostmark(event));
    case 'brevo':
      return events.map((event) => signBrevo(event));
  }
}

export const EVENT_OF: Record<ProviderType, (kind: Kind, d: SentDelivery, at?: Date) => object> = {
  sendgrid: sendgridEvent,
  ses: sesEvent,
  mailgun: mailgunEvent,
  postmark: postmarkEvent,
  brevo: brevoEvent,
};

/** The kinds a burst cycles through: every kind the provider reports (SES has no unsubscribe event). */
export const burstKinds = (type: ProviderType): Kind[] =>
  (['delivered', 'bounce_hard', 'bounce_soft', 'complaint', 'unsubscribe'] as Kind[]).filter(
    (kind) => !(type === 'ses' && kind === 'unsubscribe'),
  );

/**
 * One event per delivery, the burst's kinds in turn, signed as the provider
 * posts them: a burst of requests to the type's webhook (one SendGrid batch, else one per event).
 */
export function webhookBurst(type: ProviderType, deliveries: SentDelivery[], at = new Date()): BurstRequest[] {
  const kinds = burstKinds(type);
  const events = deliveries.map((d, i) => EVENT_OF[type](kinds[i % kinds.length], d, at));
  return signedRequests(type, events, at).map((request) => ({
    method: 'POST',
    path: `/api/email-campaigns/webhooks/${type}`,
    headers: request.headers,
    body: request.body,
  }));
}

/** A copy of a burst request without its signature or credentials: refused with 401 before anything is parsed. */
export function unsignedCopy(type: ProviderType, request: BurstRequest): BurstRequest {
  const headers = { 'content-type': request.headers?.['content-type'] ?? 'application/json' };
  if (type === 'ses' || type === 'mailgun') {
    const { Signature: _s, signature: _m, ...rest } = JSON.parse(request.body ?? '{}');
    return { ...request, headers, body: JSON.stringify(rest) };
  }
  return { ...request, headers };
}
