import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import { getService } from '../../utils/plugin';
import { leaveEveryList, unsubscribePeople, type Leaver } from './leaving';

/** A bounce of one delivery to a known subscriber that suppresses them. */
export interface Bounce {
  subscriberId: number;
  code: string | null;
  error: string | null;
  /** Extra facts for the event: where the report came from, how many soft bounces led to it. */
  data?: Record<string, unknown>;
}

/** A spam complaint about one delivery; `data` (source, campaign) goes into the consent log. */
export type Complaint = Leaver;

const SUBSCRIBERS = TABLES.subscribers;
const CHUNK = 500;

/**
 * What delivery outcomes do to the people they were sent to: the SMTP answer (outbox) and what
 * providers report later (feedback), each called in the transaction that records the outcome, so
 * a person's status and history always agree with their deliveries. Set-based: a batch of
 * outcomes costs a few statements, not a few per person. See docs/architecture.md, "Outcome rules".
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Each bounced person becomes `bounced` (never mailed again), counts one more bounce per report
   * and gets a `bounced` event. Someone who complained stays `complained`. People erased since the
   * send are left alone: their row is gone, so no event is written for them either.
   */
  async bounced(trx: Knex.Transaction, bounces: Bounce[], at: Date): Promise<void> {
    const reports = new Map<number, number>();
    for (const { subscriberId } of bounces) reports.set(subscriberId, (reports.get(subscriberId) ?? 0) + 1);
    // People with the same number of reports in this batch share one UPDATE (almost always: one).
    const byCount = new Map<number, number[]>();
    for (const [id, count] of reports) byCount.set(count, [...(byCount.get(count) ?? []), id]);
    const present = new Set<number>();
    for (const [count, ids] of byCount) {
      for (let start = 0; start < ids.length; start += CHUNK) {
        const chunk = ids.slice(start, start + CHUNK);
        (await trx(SUBSCRIBERS).whereIn('id', chunk).pluck('id')).forEach((id) => present.add(Number(id)));
        await trx(SUBSCRIBERS)
          .whereIn('id', chunk)
          .update({
            status: trx.raw(`case when status = 'complained' then status else 'bounced' end`),
            bounce_count: trx.raw('coalesce(bounce_count, 0) + ?', [count]),
            last_bounce_at: at,
            updated_at: at,
          });
      }
    }
    await getService(strapi, 'subscriberEvents').append(
      bounces
        .filter(({ subscriberId }) => present.has(subscriberId))
        .map(({ subscriberId, code, error, data }) => ({
          subscriberId,
          type: 'bounced',
          data: { code, error, ...data },
          at,
        })),
      trx,
    );
  },

  /**
   * A complaint: the person becomes `complained`, leaves every list and any pending request, and
   * the consent log says which lists they were on. Never mailed again: the audience of a campaign
   * and the claim take `subscribed` people only, and a new request must be confirmed. A second
   * complaint changes nothing.
   */
  async complained(trx: Knex.Transaction, complaints: Complaint[], at: Date): Promise<void> {
    const ids = [...new Set(complaints.map((complaint) => complaint.subscriberId))];
    const changing: number[] = [];
    for (let start = 0; start < ids.length; start += CHUNK) {
      const rows: Array<{ id: number | string }> = await trx(SUBSCRIBERS)
        .whereIn('id', ids.slice(start, start + CHUNK))
        .whereNot('status', 'complained')
        .forUpdate()
        .select('id');
      changing.push(...rows.map((row) => Number(row.id)));
    }
    await leaveEveryList(strapi, trx, changing, complaints, {
      status: 'complained',
      unsubscribedAt: trx.raw('coalesce(unsubscribed_at, ?)', [at]),
      event: 'complained',
      at,
    });
  },

  /** An unsubscribe the provider received (its own link or a list-unsubscribe it handled). */
  async unsubscribed(trx: Knex.Transaction, leavers: Leaver[], at: Date): Promise<void> {
    await unsubscribePeople(strapi, trx, leavers, 'provider', at);
  },
});
