/**
 * A fixed-window counter row per (scope, key, window) in the database, so every instance counts
 * the same requests. One statement per hit: an upsert that adds one and answers the new count.
 */
import type { Core } from '@strapi/strapi';
import { TABLES } from '../../constants';
import { dialect, knex } from '../../database/connection';

const TABLE = TABLES.rateCounts;

export interface CounterHit {
  scope: string;
  value: string;
  windowIndex: number;
  /** When the window's row may be purged: the end of the window. */
  expiresAt: Date;
  at: Date;
}

/** The rows a raw statement answered, whatever the driver's shape: pg `{ rows }`, better-sqlite3 an array. */
function firstRow(result: unknown): Record<string, unknown> | undefined {
  const rows = Array.isArray(result) ? result : (result as { rows?: unknown[] })?.rows;
  return rows?.[0] as Record<string, unknown> | undefined;
}

/** Adds one to the counter of `hit` and answers its count in this window, on any instance. */
export async function countHit(strapi: Core.Strapi, hit: CounterHit): Promise<number> {
  const values = [hit.scope, hit.value, hit.windowIndex, hit.expiresAt, hit.at, hit.at];
  const insert = `insert into ${TABLE} (scope, value, window_index, hits, expires_at, created_at, updated_at)
    values (?, ?, ?, 1, ?, ?, ?)`;
  if (dialect(strapi) === 'mysql') {
    // MySQL has no RETURNING: LAST_INSERT_ID(expr) hands the new count back in the OK packet.
    // One row affected means a fresh row (count 1); two, an update.
    const [header] = (await knex(strapi).raw(
      `${insert} on duplicate key update hits = last_insert_id(hits + 1)`,
      values,
    )) as unknown as [{ affectedRows: number; insertId: number }];
    return header.affectedRows === 1 ? 1 : Number(header.insertId);
  }
  const result = await knex(strapi).raw(
    `${insert} on conflict (scope, value, window_index) do update set hits = ${TABLE}.hits + 1 returning hits`,
    values,
  );
  return Number(firstRow(result)?.hits ?? 1);
}

/** Deletes the rows of windows that are over. */
export async function purgeCounters(strapi: Core.Strapi, now: Date): Promise<number> {
  return knex(strapi)(TABLE).where('expires_at', '<', now).delete();
}

/** Deletes every counter (tests, and a site owner who just raised a limit). */
export async function clearCounters(strapi: Core.Strapi): Promise<void> {
  await knex(strapi)(TABLE).delete();
}
