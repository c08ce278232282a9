/**
 * Unsubscribing people, as the unsubscribe link, the preferences page and a provider's
 * unsubscribe event all do it: every list left, nothing pending, an `unsubscribed` event.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import { getService } from '../../utils/plugin';
import { listIdsOf } from './memberships';
import { stopSeries } from '../series/enrollment';

const SUBSCRIBERS = TABLES.subscribers;
const CHUNK = 500;
// Someone who complained stays `complained`: leaving again must not soften that.
const ALREADY_GONE = ['unsubscribed', 'complained'];

/** What leaving makes of a person: their new status and the event that records it. */
export interface Departure {
  status: 'unsubscribed' | 'complained';
  /** The time they left, or an expression that keeps an earlier one. */
  unsubscribedAt: Date | Knex.Raw;
  event: 'unsubscribed' | 'complained';
  /** Added to every event, before the lists left and the person's own data. */
  data?: Record<string, unknown>;
  at: Date;
}

export interface Leaver {
  subscriberId: number;
  /** Recorded in the event with the lists left. */
  data: Record<string, unknown>;
}

/**
 * Unsubscribes people inside the caller's transaction, with their rows locked. Idempotent: people
 * already unsubscribed (or complained) are left as they are. Returns the rows found, for their locale.
 */
export async function unsubscribePeople(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  leavers: Leaver[],
  method: string,
  at: Date,
): Promise<Array<{ id: number; locale: string | null }>> {
  const found: Array<{ id: number; status: string; locale: string | null }> = [];
  const ids = [...new Set(leavers.map((leaver) => leaver.subscriberId))];
  for (let start = 0; start < ids.length; start += CHUNK) {
    const rows = await trx(SUBSCRIBERS)
      .whereIn('id', ids.slice(start, start + CHUNK))
      .forUpdate()
      .select('id', 'status', 'locale');
    found.push(...rows.map((row) => ({ id: Number(row.id), status: row.status, locale: row.locale })));
  }
  const leaving = found.filter((row) => !ALREADY_GONE.includes(row.status)).map((row) => row.id);
  await leaveEveryList(strapi, trx, leaving, leavers, {
    status: 'unsubscribed',
    unsubscribedAt: at,
    event: 'unsubscribed',
    data: { method },
    at,
  });
  return found.map(({ id, locale }) => ({ id, locale }));
}

/**
 * Takes people (`ids`, rows the caller locked) off every list and any pending request, in chunks,
 * and records one event per person naming the lists they left: leaving means leaving every list,
 * so a later request starts from what the person picks then. Unsubscribes and complaints share it.
 */
export async function leaveEveryList(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  ids: number[],
  people: Leaver[],
  departure: Departure,
): Promise<void> {
  if (ids.length === 0) return;
  const { at } = departure;
  const lists = await listIdsOf(trx, ids);
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    await trx(TABLES.subscriberLists).whereIn('subscriber_id', chunk).delete();
    await trx(SUBSCRIBERS).whereIn('id', chunk).update({
      status: departure.status,
      unsubscribed_at: departure.unsubscribedAt,
      pending_lists: null,
      confirm_nonce: null,
      updated_at: at,
    });
  }
  await stopSeries(trx, ids);
  const changed = new Set(ids);
  await getService(strapi, 'subscriberEvents').append(
    people
      .filter((person) => changed.delete(person.subscriberId)) // one event per person
      .map(({ subscriberId, data }) => ({
        subscriberId,
        type: departure.event,
        data: { ...departure.data, lists: lists.get(subscriberId) ?? [], ...data },
        at,
      })),
    trx,
  );
}
