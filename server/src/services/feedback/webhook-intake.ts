/**
 * What a provider's webhook request leads to, without HTTP: verified first (nothing is parsed
 * or written before), then parsed, then recorded together with whatever else reached the
 * process meanwhile (coalesce.ts). See docs/architecture.md, "Public API and pages".
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { knex } from '../../database/connection';
import { getService, pluginConfig } from '../../utils/plugin';
import { coalesce } from './coalesce';
import type { FeedbackEvent } from './event';
import type { Nonce } from './nonces';
import { ADAPTERS, type WebhookAdapter, type WebhookSettings, type WebhookType } from './webhooks/adapters';
import { WebhookPayloadError } from './webhooks/payload';
import type { WebhookRefusal, WebhookRequest } from './webhooks/request';
import { confirmSnsSubscription } from './webhooks/sns-subscription';

export type IntakeResult =
  | { outcome: 'not-configured' }
  | { outcome: 'refused'; reason: WebhookRefusal | 'replayed-token' }
  | { outcome: 'malformed'; message: string }
  | { outcome: 'subscription-confirmed' }
  | { outcome: 'subscription-failed'; message: string }
  | { outcome: 'ignored' }
  | { outcome: 'recorded'; received: number; recorded: number };

/** One verified request: its events, and the token it may spend only once. */
interface Delivery {
  events: FeedbackEvent[];
  nonce?: Nonce & { scope: string };
}

type Written = { replayed: true } | { replayed: false; recorded: number };

// Events per coalesced transaction: a whole SendGrid batch, or many single-event requests.
const MAX_EVENTS_PER_WRITE = 1000;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const now = (): Date => getService(strapi, 'clock').now();

  /** Spends the tokens of a group, then records the events of the requests whose token was new. */
  async function writeGroup(trx: Knex.Transaction, group: Delivery[]): Promise<Written[]> {
    const fresh = group.map(() => true);
    const scopes = new Set(group.flatMap((item) => (item.nonce ? [item.nonce.scope] : [])));
    for (const scope of scopes) {
      const spending = group.flatMap((item, i) => (item.nonce?.scope === scope ? [i] : []));
      const firstUse = await getService(strapi, 'nonces').use(
        trx,
        scope,
        spending.map((i) => group[i].nonce as Nonce),
      );
      spending.forEach((index, k) => (fresh[index] = firstUse[k]));
    }
    const events = group.flatMap((item, i) => (fresh[i] ? item.events : []));
    const stored = await getService(strapi, 'feedback').recordIn(trx, events);
    let offset = 0;
    return group.map((item, i) => {
      if (!fresh[i]) return { replayed: true };
      const recorded = stored.slice(offset, offset + item.events.length).filter(Boolean).length;
      offset += item.events.length;
      return { replayed: false, recorded };
    });
  }

  const write = coalesce<Delivery, Written>(
    (group) => knex(strapi).transaction((trx) => writeGroup(trx, group)),
    (item) => Math.max(1, item.events.length),
    MAX_EVENTS_PER_WRITE,
  );

  async function confirmSubscription(url: string): Promise<IntakeResult> {
    const confirm = pluginConfig(strapi).feedback.webhooks.ses?.confirmSubscription ?? confirmSnsSubscription;
    try {
      await confirm(url);
      return { outcome: 'subscription-confirmed' };
    } catch (error) {
      return { outcome: 'subscription-failed', message: (error as Error).message };
    }
  }

  return {
    async receive<Type extends WebhookType>(type: Type, request: WebhookRequest): Promise<IntakeResult> {
      const settings = pluginConfig(strapi).feedback.webhooks[type] as WebhookSettings[Type] | undefined;
      if (!settings) return { outcome: 'not-configured' };
      const adapter: WebhookAdapter<WebhookSettings[Type]> = ADAPTERS[type];
      const at = now();
      const verification = await adapter.verify(request, settings, at);
      if (!verification.ok) return { outcome: 'refused', reason: verification.reason };
      if (verification.action === 'none') return { outcome: 'ignored' };
      if (verification.action === 'confirm-subscription') return confirmSubscription(verification.subscribeUrl);

      let events: FeedbackEvent[];
      try {
        events = adapter.parse(request.rawBody, at);
      } catch (error) {
        if (error instanceof WebhookPayloadError) return { outcome: 'malformed', message: error.message };
        throw error;
      }
      const nonce = verification.action === 'record-once' ? verification.nonce : undefined;
      if (nonce) await getService(strapi, 'nonces').purgeExpired();
      else if (events.length === 0) return { outcome: 'recorded', received: 0, recorded: 0 };
      const written = await write({ events, nonce });
      if (written.replayed) return { outcome: 'refused', reason: 'replayed-token' };
      return { outcome: 'recorded', received: events.length, recorded: written.recorded };
    },
  };
};
