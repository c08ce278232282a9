import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { knex } from '../../database/connection';
import { getService } from '../../utils/plugin';
import { suppressionHash } from './email-address';
import { TABLES } from '../../constants';

const TABLE = TABLES.suppressions;

/** Hashed addresses of erased people: checked before anyone is added, by any route. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async isSuppressed(email: string, db: Knex | Knex.Transaction = knex(strapi)): Promise<boolean> {
    return Boolean(await db(TABLE).where('email_hash', suppressionHash(email)).first('id'));
  },

  /** The addresses among `emails` that are suppressed. */
  async suppressedAmong(emails: string[], db: Knex | Knex.Transaction = knex(strapi)): Promise<Set<string>> {
    if (emails.length === 0) return new Set();
    const byHash = new Map(emails.map((email) => [suppressionHash(email), email]));
    const hits = await db(TABLE)
      .whereIn('email_hash', [...byHash.keys()])
      .pluck('email_hash');
    return new Set(hits.map((hash: string) => byHash.get(hash)!));
  },

  async add(email: string, reason: string, db: Knex | Knex.Transaction): Promise<void> {
    await this.addMany([email], reason, db);
  },

  /** Several addresses in one statement; those already suppressed are left as they are. */
  async addMany(emails: string[], reason: string, db: Knex | Knex.Transaction): Promise<void> {
    if (emails.length === 0) return;
    const at = getService(strapi, 'clock').now();
    const hashes = [...new Set(emails.map(suppressionHash))];
    await db(TABLE)
      .insert(hashes.map((hash) => ({ email_hash: hash, reason, at, created_at: at, updated_at: at })))
      .onConflict('email_hash')
      .ignore();
  },
});
