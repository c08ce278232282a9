import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { knex, toDate } from '../../database/connection';
import { pluginConfig, getService } from '../../utils/plugin';
import { TABLES } from '../../constants';
import { forgetEnrollments } from '../series/enrollment';
import type { Subscriber, SubscriberEventView } from '../../contracts';

/** Everything stored about one person (GDPR Art. 15 and 20), as the admin downloads it. */
export interface SubscriberDataExport {
  /** ISO 8601. */
  exportedAt: string;
  subscriber: Subscriber;
  /** Oldest first. */
  events: SubscriberEventView[];
  deliveries: Array<{
    kind: string;
    campaignId: number | null;
    status: string;
    attempts: number;
    sentAt: string | null;
    lastCode: string | null;
    lastError: string | null;
    createdAt: string | null;
  }>;
}

/** The delivery columns the export reads, as plain knex gives them. */
interface DeliveryColumns {
  kind: string;
  campaign_id: number | null;
  status: string;
  attempts: number | null;
  sent_at: unknown;
  last_code: string | null;
  last_error: string | null;
  created_at: unknown;
}

const SUBSCRIBERS = TABLES.subscribers;
const PURGE_BATCH = 500;
/** What an erased person's deliveries show instead of their address. */
export const ERASED_ADDRESS = '(erased)';

/**
 * What the GDPR asks of a list: erasure (Art. 17), access and portability (Art. 15 and 20),
 * and storage limitation (Art. 5(1)(e)) for requests nobody confirmed.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const now = (): Date => getService(strapi, 'clock').now();

  /**
   * Deletes people and everything that names them: memberships and events go; their deliveries and
   * what providers reported about them stay without name, address or error text, because a message
   * sent in the last day still counts toward the provider's limits and a campaign's totals should
   * not shrink. Unsent ones are skipped.
   */
  async function deleteWithHistory(trx: Knex.Transaction, ids: number[]) {
    await trx(TABLES.subscriberLists).whereIn('subscriber_id', ids).delete();
    await forgetEnrollments(trx, ids);
    await trx(TABLES.subscriberEvents).whereIn('subscriber_id', ids).delete();
    const scrubbed = { subscriber_id: null, email: ERASED_ADDRESS, payload: null, updated_at: now() };
    const deliveries = () => trx(TABLES.deliveries).whereIn('subscriber_id', ids);
    // Held rows of an A/B test are unsent too.
    await deliveries()
      .whereIn('status', ['queued', 'retry', 'held'])
      .update({ ...scrubbed, status: 'skipped', last_error: 'The subscriber was erased' });
    await deliveries().update({ ...scrubbed, last_error: null });
    // What providers reported stays for the figures, without the person or the diagnostic text
    // (which often quotes the address).
    await trx(TABLES.deliveryEvents)
      .whereIn('subscriber_id', ids)
      .update({ subscriber_id: null, delivery_id: null, detail: null, updated_at: now() });
    await trx(SUBSCRIBERS).whereIn('id', ids).delete();
  }

  return {
    /**
     * Erasure: the person, their memberships and events go, their deliveries are made anonymous;
     * a hash of the address stays so that no form, import or admin can ever add or mail them again.
     */
    async erase(id: number): Promise<void> {
      await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const row = await trx(SUBSCRIBERS).where('id', id).forUpdate().first('id', 'email');
        if (!row) throw new errors.NotFoundError('No such subscriber.');
        await deleteWithHistory(trx, [id]);
        await getService(strapi, 'suppressions').add(row.email, 'erased', trx);
      });
    },

    /**
     * Erasure of several people at once (a bulk action), in one transaction: rows locked, their
     * history deleted set-based, their addresses suppressed in one insert. Returns how many went.
     */
    async eraseMany(ids: number[]): Promise<number> {
      if (ids.length === 0) return 0;
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const rows: Array<{ id: number; email: string }> = await trx(SUBSCRIBERS)
          .whereIn('id', ids)
          .forUpdate()
          .select('id', 'email');
        await deleteWithHistory(
          trx,
          rows.map((row) => Number(row.id)),
        );
        await getService(strapi, 'suppressions').addMany(
          rows.map((row) => row.email),
          'erased',
          trx,
        );
        return rows.length;
      });
    },

    /** Everything stored about one person, as one JSON document. */
    async exportData(id: number): Promise<SubscriberDataExport> {
      const { events: _recent, ...subscriber } = await getService(strapi, 'subscribers').findOne(id);
      const deliveries: DeliveryColumns[] = await knex(strapi)(TABLES.deliveries)
        .where('subscriber_id', id)
        .orderBy('id')
        .select('kind', 'campaign_id', 'status', 'attempts', 'sent_at', 'last_code', 'last_error', 'created_at');
      return {
        exportedAt: now().toISOString(),
        subscriber,
        events: (await getService(strapi, 'subscriberEvents').of(id, 100_000)).reverse(),
        deliveries: deliveries.map((row) => ({
          kind: row.kind,
          campaignId: row.campaign_id === null ? null : Number(row.campaign_id),
          status: row.status,
          attempts: Number(row.attempts ?? 0),
          sentAt: toDate(row.sent_at)?.toISOString() ?? null,
          lastCode: row.last_code,
          lastError: row.last_error,
          createdAt: toDate(row.created_at)?.toISOString() ?? null,
        })),
      };
    },

    /**
     * Deletes people who never confirmed within `pendingPurgeDays` of their last request, and
     * forgets old unconfirmed list requests of everyone else.
     */
    async purgePending(at: Date): Promise<number> {
      const cutoff = new Date(at.getTime() - pluginConfig(strapi).pendingPurgeDays * 86_400_000);
      let purged = 0;
      for (;;) {
        const ids = (
          await knex(strapi)(SUBSCRIBERS)
            .where('status', 'pending')
            .where((q) =>
              q
                .where('consent_at', '<', cutoff)
                .orWhere((r) => r.whereNull('consent_at').where('created_at', '<', cutoff)),
            )
            .limit(PURGE_BATCH)
            .pluck('id')
        ).map(Number);
        if (ids.length === 0) break;
        await strapi.db.transaction(({ trx }: { trx: Knex.Transaction }) => deleteWithHistory(trx, ids));
        purged += ids.length;
      }
      await knex(strapi)(SUBSCRIBERS)
        .whereNot('status', 'pending')
        .whereNotNull('pending_lists')
        .where('confirmation_sent_at', '<', cutoff)
        .update({ pending_lists: null });
      return purged;
    },
  };
};
