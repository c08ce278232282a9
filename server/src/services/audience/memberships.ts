/**
 * Confirmed list memberships: rows of the subscriber-list join table, written with knex so a
 * whole batch is one statement. Every function takes the connection or transaction to use.
 */
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import { readJson } from '../../database/json';
import { enroll, newMemberships, seriesStartedBy, stopSeries, type JoinContext } from '../series/enrollment';

const LINKS = TABLES.subscriberLists;
// Ids per IN (...) list: far below every driver's bind limit.
const CHUNK = 500;

export async function listIdsOf(db: Knex | Knex.Transaction, subscriberIds: number[]): Promise<Map<number, number[]>> {
  const byId = new Map<number, number[]>(subscriberIds.map((id) => [id, []]));
  for (let start = 0; start < subscriberIds.length; start += CHUNK) {
    const rows = await db(LINKS)
      .whereIn('subscriber_id', subscriberIds.slice(start, start + CHUNK))
      .select('subscriber_id', 'list_id')
      .orderBy('id');
    for (const row of rows) byId.get(Number(row.subscriber_id))?.push(Number(row.list_id));
  }
  return byId;
}

/**
 * Adds memberships; pairs that already exist are left alone (the join table has a unique index).
 * Every path that puts people on a list comes here, so new members enroll in the list's series
 * (`joined` says how they joined: a `confirmed` series starts only on a double opt-in confirmation).
 */
export async function link(
  db: Knex | Knex.Transaction,
  pairs: Array<{ subscriberId: number; listId: number }>,
  joined: JoinContext,
): Promise<void> {
  const series = await seriesStartedBy(db, pairs, joined);
  const fresh = series.length ? await newMemberships(db, pairs) : [];
  for (let start = 0; start < pairs.length; start += CHUNK) {
    const rows = pairs.slice(start, start + CHUNK).map((p) => ({ subscriber_id: p.subscriberId, list_id: p.listId }));
    await db(LINKS).insert(rows).onConflict(['subscriber_id', 'list_id']).ignore();
  }
  if (fresh.length) await enroll(db, series, fresh, joined.at);
}

/** Removes a person's memberships: the given lists, or all of them; their series on those lists stop. */
export async function unlink(db: Knex | Knex.Transaction, subscriberId: number, listIds?: number[]): Promise<void> {
  const query = db(LINKS).where('subscriber_id', subscriberId);
  if (listIds) {
    if (listIds.length === 0) return;
    query.whereIn('list_id', listIds);
  }
  await query.delete();
  await stopSeries(db, [subscriberId], listIds);
}

/** The list ids kept in a JSON column (`pendingLists`). */
export function parseIdList(value: unknown): number[] {
  const parsed = readJson(value);
  return Array.isArray(parsed) ? parsed.map(Number).filter((id) => Number.isSafeInteger(id) && id > 0) : [];
}
