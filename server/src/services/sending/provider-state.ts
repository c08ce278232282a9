import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import { dialect, knex, toDate } from '../../database/connection';
import { getService } from '../../utils/plugin';

/**
 * One row per provider: the lock every claim takes, and the pause a refusing server puts on the
 * provider. Registered as the `providerState` service. See docs/architecture.md, "Several instances".
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => knex(strapi);
  const now = (): Date => getService(strapi, 'clock').now();

  return {
    /** Creates the rows the claim lock needs, once per provider; existing rows stay as they are. */
    async ensure(names: string[]) {
      const at = now();
      for (const name of names) {
        await db()(TABLES.providerStates).insert({ name, created_at: at, updated_at: at }).onConflict('name').ignore();
      }
    },

    /**
     * Serializes claims per provider across instances: SELECT ... FOR UPDATE on PostgreSQL and
     * MySQL/MariaDB. SQLite has one writer and knex gives it a single connection, so the
     * transaction alone serializes. Returns until when the provider is paused, if it is.
     */
    async lock(trx: Knex.Transaction, name: string): Promise<{ pausedUntil: Date | null }> {
      const query = trx(TABLES.providerStates)
        .where({ name })
        .first<{ paused_until: unknown } | undefined>('id', 'paused_until');
      const state = await (dialect(strapi) === 'sqlite' ? query : query.forUpdate());
      return { pausedUntil: toDate(state?.paused_until) };
    },

    /** No claims for this provider until `until`; the reason is kept with the pause. */
    async pause(name: string, until: Date, reason: string) {
      const at = now();
      await db()(TABLES.providerStates).where({ name }).update({
        paused_until: until,
        pause_reason: reason,
        last_error: reason,
        last_error_at: at,
        updated_at: at,
      });
    },

    /**
     * An admin lifts the pause, whatever set it. The reputation breaker then judges only what is
     * sent from now on, so the rates that paused it do not pause it again at once.
     */
    async resume(name: string): Promise<Date> {
      const at = now();
      await db()(TABLES.providerStates)
        .where({ name })
        .update({ paused_until: null, pause_reason: null, reputation_since: at, updated_at: at });
      return at;
    },
  };
};
