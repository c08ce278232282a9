/**
 * Storing feedback events once: an INSERT that ignores what the unique (source, external_id)
 * index already holds, then one read of which rows this very call inserted. That read is what
 * makes a replay change nothing, on every database and under concurrent requests.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import type { Dialect } from '../../database/connection';
import type { FeedbackKind, FeedbackSource } from './event';

export interface EventRow {
  delivery_id: number | null;
  campaign_id: number | null;
  subscriber_id: number | null;
  provider: string | null;
  kind: FeedbackKind;
  source: FeedbackSource;
  external_id: string;
  code: string | null;
  detail: string | null;
  occurred_at: Date;
}

const TABLE = TABLES.deliveryEvents;
// 500 rows of 13 columns: far below every driver's bind limit.
const CHUNK = 500;

/** INSERT … ignoring duplicates: knex's ON CONFLICT DO NOTHING, or a no-op update on MySQL. */
export function insertIgnoring(trx: Knex | Knex.Transaction, dialect: Dialect, rows: object[]) {
  if (dialect !== 'mysql') return trx(TABLE).insert(rows).onConflict(['source', 'external_id']).ignore();
  // Not INSERT IGNORE: that would also turn a truncated value into a warning.
  const { sql, bindings } = trx(TABLE).insert(rows).toSQL();
  return trx.raw(`${sql} on duplicate key update ${TABLE}.id = ${TABLE}.id`, bindings);
}

/**
 * Inserts the rows (unique by source and external id within the call) and says, for each,
 * whether it is new. A row another request stored first, even one committed a moment ago by
 * another instance, reads as not new: the unique index waits for that writer, and the receipt
 * tells our rows from theirs.
 */
export async function storeEvents(
  trx: Knex.Transaction,
  dialect: Dialect,
  rows: EventRow[],
  at: Date,
): Promise<boolean[]> {
  const receipt = randomBytes(12).toString('base64url');
  const key = (source: string, externalId: string) => `${source}\u0000${externalId}`;
  const inserted = new Set<string>();
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    await insertIgnoring(
      trx,
      dialect,
      chunk.map((row) => ({ ...row, receipt, created_at: at, updated_at: at })),
    );
    for (const source of new Set(chunk.map((row) => row.source))) {
      const mine: Array<{ external_id: string }> = await trx(TABLE)
        .where('source', source)
        .whereIn(
          'external_id',
          chunk.filter((row) => row.source === source).map((row) => row.external_id),
        )
        .where('receipt', receipt)
        .select('external_id');
      for (const row of mine) inserted.add(key(source, row.external_id));
    }
  }
  return rows.map((row) => inserted.has(key(row.source, row.external_id)));
}
