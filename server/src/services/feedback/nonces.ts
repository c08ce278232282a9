/**
 * Single-use values (Mailgun's webhook tokens) that every instance sees: a value is used once
 * when its row is inserted, and the unique (scope, value) index refuses a second use. Rows are
 * kept until they expire, which is when a replay would be refused as stale anyway.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import { knex } from '../../database/connection';
import { isUniqueViolation } from '../../database/unique-violation';
import { getService } from '../../utils/plugin';

export interface Nonce {
  value: string;
  expiresAt: Date;
}

const TABLE = TABLES.nonces;
const PURGE_EVERY_MS = 10 * 60_000;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let lastPurge = 0;
  const now = (): Date => getService(strapi, 'clock').now();
  const rowOf = (scope: string, nonce: Nonce, at: Date) => ({
    scope,
    value: nonce.value,
    expires_at: nonce.expiresAt,
    created_at: at,
    updated_at: at,
  });

  /** An INSERT in a savepoint: a refused one leaves the caller's transaction usable (PostgreSQL). */
  async function inserted(trx: Knex.Transaction, rows: object[]): Promise<boolean> {
    try {
      await trx.transaction((savepoint) => savepoint(TABLE).insert(rows));
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  return {
    /**
     * Uses each value in the caller's transaction, so a value is spent only if the work it
     * guards commits. True for a first use. Values in one call are inserted together; only when
     * one of them was seen before are they tried one by one, to tell which.
     */
    async use(trx: Knex.Transaction, scope: string, nonces: Nonce[]): Promise<boolean[]> {
      const at = now();
      if (nonces.length === 0) return [];
      if (
        await inserted(
          trx,
          nonces.map((nonce) => rowOf(scope, nonce, at)),
        )
      )
        return nonces.map(() => true);
      const results: boolean[] = [];
      for (const nonce of nonces) results.push(await inserted(trx, [rowOf(scope, nonce, at)]));
      return results;
    },

    /** Deletes expired values, at most every ten minutes per process. */
    async purgeExpired(): Promise<number> {
      const at = now();
      if (at.getTime() - lastPurge < PURGE_EVERY_MS) return 0;
      lastPurge = at.getTime();
      return knex(strapi)(TABLE).where('expires_at', '<', at).delete();
    },
  };
};
