/**
 * The campaign-link rows of a campaign's tracked URLs (docs/architecture.md, "Engagement", "Data
 * model"): one row per campaign and URL, its id what a click token names. Made when the sender
 * builds a saved version; language versions share them.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import type { Dialect } from '../../database/connection';

const TABLE = TABLES.campaignLinks;
// 4 columns a row: far below every driver's bind limit.
const CHUNK = 500;

/** The URL's key in the unique index: SHA-256, hex (a text column cannot be indexed whole on MySQL). */
export function urlHash(url: string): string {
  return createHash('sha256').update(url).digest('hex');
}

/** INSERT … ignoring rows already there (another version, another instance): never an error for those. */
function insertIgnoring(db: Knex, dialect: Dialect, rows: object[]) {
  if (dialect !== 'mysql') return db(TABLE).insert(rows).onConflict(['campaign_id', 'url_hash']).ignore();
  // Not INSERT IGNORE: that would also turn a truncated value into a warning.
  const { sql, bindings } = db(TABLE).insert(rows).toSQL();
  return db.raw(`${sql} on duplicate key update ${TABLE}.id = ${TABLE}.id`, bindings);
}

/**
 * The id of each URL's row, in the order given, inserting the missing ones set-based and
 * reading every id back. `position` is the URL's place in the first content that made it.
 */
export async function linkIds(db: Knex, dialect: Dialect, campaignId: number, urls: string[]): Promise<number[]> {
  if (urls.length === 0) return [];
  const hashes = urls.map(urlHash);
  const now = new Date();
  const ids = new Map<string, number>();
  for (let from = 0; from < urls.length; from += CHUNK) {
    const rows = urls.slice(from, from + CHUNK).map((url, i) => ({
      campaign_id: campaignId,
      url,
      url_hash: hashes[from + i],
      position: from + i,
      created_at: now,
      updated_at: now,
    }));
    await insertIgnoring(db, dialect, rows);
    const found: Array<{ id: number | string; url_hash: string }> = await db(TABLE)
      .where('campaign_id', campaignId)
      .whereIn('url_hash', hashes.slice(from, from + CHUNK))
      .select('id', 'url_hash');
    for (const row of found) ids.set(row.url_hash, Number(row.id));
  }
  return hashes.map((hash) => {
    const id = ids.get(hash);
    if (id === undefined) throw new Error(`The campaign link of ${hash} was not stored`);
    return id;
  });
}
