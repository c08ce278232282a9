import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import { getService } from '../../utils/plugin';

/** A hard bounce of one delivery to a known subscriber. */
export interface Bounce {
  subscriberId: number;
  code: string;
  error: string;
}

/**
 * What delivery outcomes do to the people they were sent to, called by the outbox in the
 * transaction that records the outcomes, so a person's status and history always agree with
 * their deliveries. See docs/architecture.md, "Outcome rules".
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Each bounced person becomes `bounced`, counts one more bounce and gets a `bounced` event.
   * People erased since the send are left alone: their row is gone, so no event is written
   * for them either.
   */
  async bounced(trx: Knex.Transaction, bounces: Bounce[], at: Date): Promise<void> {
    const stillThere: Bounce[] = [];
    for (const bounce of bounces) {
      const updated = await trx(TABLES.subscribers)
        .where('id', bounce.subscriberId)
        .update({
          status: 'bounced',
          bounce_count: trx.raw('coalesce(bounce_count, 0) + 1'),
          last_bounce_at: at,
          updated_at: at,
        });
      if (updated > 0) stillThere.push(bounce);
    }
    await getService(strapi, 'subscriberEvents').append(
      stillThere.map(({ subscriberId, code, error }) => ({
        subscriberId,
        type: 'bounced',
        data: { code, error },
        at,
      })),
      trx,
    );
  },
});
