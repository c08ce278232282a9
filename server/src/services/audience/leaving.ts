/**
 * Unsubscribing people, as the unsubscribe link, the preferences page and a provider's
 * unsubscribe event all do it: every list left, nothing pending, an `unsubscribed` event.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import { getService } from '../../utils/plugin';
import { listIdsOf } from './memberships';

const SUBSCRIBERS = TABLES.subscribers;
const CHUNK = 500;
// Someone who complained stays `complained`: leaving again must not soften that.
const ALREADY_GONE = ['unsubscribed', 'complained'];

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
  if (leaving.length > 0) {
    const lists = await listIdsOf(trx, leaving);
    for (let start = 0; start < leaving.length; start += CHUNK) {
      const chunk = leaving.slice(start, start + CHUNK);
      // Leaving means leaving every list: a later re-subscription starts from what the person picks then.
      await trx(TABLES.subscriberLists).whereIn('subscriber_id', chunk).delete();
      await trx(SUBSCRIBERS).whereIn('id', chunk).update({
        status: 'unsubscribed',
        unsubscribed_at: at,
        pending_lists: null,
        confirm_nonce: null,
        updated_at: at,
      });
    }
    const changed = new Set(leaving);
    await getService(strapi, 'subscriberEvents').append(
      leavers
        .filter((leaver) => changed.delete(leaver.subscriberId)) // one event per person
        .map(({ subscriberId, data }) => ({
          subscriberId,
          type: 'unsubscribed',
          data: { method, lists: lists.get(subscriberId) ?? [], ...data },
          at,
        })),
      trx,
    );
  }
  return found.map(({ id, locale }) => ({ id, locale }));
}
