import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { knex, toDate } from '../../database/connection';
import { TABLES } from '../../constants';
import { readJson } from '../../database/json';
import type { SubscriberEventView } from '../../contracts';
import { getService } from '../../utils/plugin';

export interface SubscriberEvent {
  subscriberId: number;
  type: string;
  data?: Record<string, unknown>;
  at: Date;
}

const TABLE = TABLES.subscriberEvents;
const CHUNK = 500;

/**
 * The append-only log of what happened to each person (requests, confirmations, unsubscribes,
 * bounces, admin changes): the proof of consent. Nothing here updates or deletes a row;
 * only erasure and the purge of unconfirmed requests remove a person's whole history. Entries
 * that are events for Strapi webhooks (created, confirmed, left, bounced, complained) are
 * announced once `db` commits (services/events/).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async append(events: SubscriberEvent[], db: Knex | Knex.Transaction = knex(strapi)): Promise<void> {
    for (let start = 0; start < events.length; start += CHUNK) {
      await db(TABLE).insert(
        events.slice(start, start + CHUNK).map((event) => ({
          subscriber_id: event.subscriberId,
          type: event.type,
          data: event.data === undefined ? null : JSON.stringify(event.data),
          at: event.at,
          created_at: event.at,
          updated_at: event.at,
        })),
      );
    }
    getService(strapi, 'events').fromConsentLog(events, db);
  },

  async of(subscriberId: number, limit = 1000): Promise<SubscriberEventView[]> {
    const rows: Array<{ type: string; data: unknown; at: unknown }> = await knex(strapi)(TABLE)
      .where('subscriber_id', subscriberId)
      .orderBy('id', 'desc')
      .limit(limit)
      .select('type', 'data', 'at');
    return rows.map((row) => ({
      type: row.type,
      data: readJson(row.data),
      at: toDate(row.at)!.toISOString(),
    }));
  },
});
