/**
 * The plugin's events for Strapi webhooks (service `events`): registered with Strapi's webhook
 * store, emitted through `strapi.eventHub` so Strapi's own runner delivers them. An event leaves
 * only once the change it reports has committed, and never slows or fails that change: the payload
 * is read and emitted on a later turn, and any error there is logged. See docs/architecture.md,
 * "Events for Strapi webhooks".
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { PLUGIN_EVENTS, PLUGIN_ID } from '../../constants';
import { knex } from '../../database/connection';
import type { EventSettings, EventSettingsInput, PluginEventName } from '../../contracts';
import type { SubscriberEvent } from '../audience/subscriber-events';
import { campaignPayloads, subscriberPayloads, type EventPerson } from './payloads';
import { webhookStore } from './webhooks';

export type SubscriberEventKind = 'created' | 'confirmed' | 'unsubscribed' | 'bounced' | 'complained';
export type CampaignEventKind = 'started' | 'finished' | 'paused';

export const EVENT_NAMES = Object.values(PLUGIN_EVENTS) as PluginEventName[];

/** Entries of the consent log that are events too; `created` is the admin's (a sign-up is announced apart). */
const FROM_CONSENT_LOG: Record<string, SubscriberEventKind> = {
  created: 'created',
  confirmed: 'confirmed',
  unsubscribed: 'unsubscribed',
  bounced: 'bounced',
  complained: 'complained',
};

interface StoredEventSettings {
  includeAddress?: boolean;
}

type Db = Knex | Knex.Transaction;

const isTransaction = (db: Db | undefined): db is Knex.Transaction =>
  db !== undefined && (db as Knex.Transaction).isTransaction === true;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'events' });
  const readSettings = async () => ((await store().get({})) as StoredEventSettings | null) ?? {};

  function runLater(task: () => Promise<void>) {
    setImmediate(() => {
      task().catch((error: Error) =>
        strapi.log.warn(`[email-campaigns] an event for Strapi webhooks was not emitted: ${error.message}`),
      );
    });
  }

  /** Runs `task` on a later turn once the writing transaction has committed; never if it rolls back. */
  function afterCommit(db: Db | undefined, task: () => Promise<void>) {
    if (strapi.db.inTransaction()) {
      // Inside strapi.db.transaction: a nested call joins it and shares its commit callbacks, which
      // run only after the outer commit (Strapi's rollback resolves knex's executionPromise too).
      void strapi.db.transaction(async ({ onCommit }) => onCommit(() => runLater(task)));
    } else if (isTransaction(db)) {
      // A knex transaction with a handler: its promise rejects when the handler throws.
      db.executionPromise.then(
        () => runLater(task),
        () => undefined,
      );
    } else {
      runLater(task);
    }
  }

  async function emit(name: PluginEventName, info: Record<string, unknown>) {
    await strapi.eventHub.emit(name, info);
  }

  return {
    /** Makes the events known to Strapi's webhook store, so a webhook may subscribe to them. */
    register() {
      const store = webhookStore(strapi);
      for (const [key, name] of Object.entries(PLUGIN_EVENTS)) store.addAllowedEvent(key, name);
    },

    subscribers(kind: SubscriberEventKind, people: EventPerson[], db?: Db) {
      if (people.length === 0) return;
      afterCommit(db, async () => {
        const { includeAddress = false } = await readSettings();
        for (const subscriber of await subscriberPayloads(knex(strapi), people, includeAddress)) {
          await emit(`email-campaigns.subscriber.${kind}`, { subscriber });
        }
      });
    },

    campaigns(kind: CampaignEventKind, ids: number[], db?: Db) {
      if (ids.length === 0) return;
      afterCommit(db, async () => {
        for (const campaign of await campaignPayloads(knex(strapi), ids)) {
          await emit(`email-campaigns.campaign.${kind}`, { campaign });
        }
      });
    },

    /** The consent log's entries that are events (subscriber-events.ts calls this for every append). */
    fromConsentLog(entries: SubscriberEvent[], db?: Db) {
      const byKind = new Map<SubscriberEventKind, EventPerson[]>();
      for (const entry of entries) {
        const kind = FROM_CONSENT_LOG[entry.type];
        if (!kind) continue;
        const lists = entry.data?.lists;
        const person = {
          subscriberId: entry.subscriberId,
          ...(Array.isArray(lists) ? { lists: lists.map(Number) } : {}),
        };
        byKind.set(kind, [...(byKind.get(kind) ?? []), person]);
      }
      for (const [kind, people] of byKind) this.subscribers(kind, people, db);
    },

    async settings(): Promise<EventSettings> {
      const { includeAddress = false } = await readSettings();
      return { includeAddress, events: EVENT_NAMES, webhooks: await webhookStore(strapi).list() };
    },

    async saveSettings(input: EventSettingsInput): Promise<EventSettings> {
      await store().set({ value: { ...(await readSettings()), includeAddress: input.includeAddress } });
      return this.settings();
    },
  };
};
