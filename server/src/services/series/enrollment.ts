/**
 * Enrolling people in series and stopping them, at the audience's choke points: every new list
 * membership goes through `link` (memberships.ts), every departure through `unlink` or
 * `leaveEveryList`. Set-based: one INSERT … SELECT per series and chunk of people, ignoring
 * people the unique (series, subscriber) index already holds, so nobody is enrolled twice.
 * See docs/architecture.md, "Series".
 */
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import { readSteps } from './steps';

const ENROLLMENTS = TABLES.seriesEnrollments;
// Ids per IN (...) list: far below every driver's bind limit.
const CHUNK = 500;

/** How a person joined a list: confirming a double opt-in, or any other path (admin, import, form, API). */
export interface JoinContext {
  at: Date;
  confirmed: boolean;
}

export interface Membership {
  subscriberId: number;
  listId: number;
}

interface StartingSeries {
  id: number;
  listId: number;
  firstDelayMinutes: number;
}

const isMysql = (db: Knex | Knex.Transaction) => /mysql/.test(String(db.client.config.client));

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** The series these memberships start: on their lists, with a trigger the join fits, with a first step. */
export async function seriesStartedBy(
  db: Knex | Knex.Transaction,
  pairs: Membership[],
  joined: JoinContext,
): Promise<StartingSeries[]> {
  if (pairs.length === 0) return [];
  const listIds = [...new Set(pairs.map((pair) => pair.listId))];
  const rows: Array<{ id: unknown; list_id: unknown; steps: unknown }> = await db(TABLES.series)
    .whereIn('list_id', listIds)
    .whereIn('trigger', joined.confirmed ? ['confirmed', 'joined'] : ['joined'])
    .select('id', 'list_id', 'steps');
  return rows.flatMap((row) => {
    const [first] = readSteps(row.steps);
    return first ? [{ id: Number(row.id), listId: Number(row.list_id), firstDelayMinutes: first.delayMinutes }] : [];
  });
}

/** The memberships not in the join table yet: only a new membership starts a series. */
export async function newMemberships(db: Knex | Knex.Transaction, pairs: Membership[]): Promise<Membership[]> {
  const existing = new Set<string>();
  for (const chunk of chunks(pairs, CHUNK)) {
    const rows = await db(TABLES.subscriberLists)
      .whereIn(
        'subscriber_id',
        chunk.map((pair) => pair.subscriberId),
      )
      .whereIn('list_id', [...new Set(chunk.map((pair) => pair.listId))])
      .select('subscriber_id', 'list_id');
    for (const row of rows) existing.add(`${Number(row.subscriber_id)}:${Number(row.list_id)}`);
  }
  return pairs.filter((pair) => !existing.has(`${pair.subscriberId}:${pair.listId}`));
}

/** Enrolls the subscribed people of these memberships in each series of their list; nobody twice. */
export async function enroll(
  db: Knex | Knex.Transaction,
  series: StartingSeries[],
  pairs: Membership[],
  at: Date,
): Promise<void> {
  const ignoring = isMysql(db)
    ? `on duplicate key update ${ENROLLMENTS}.id = ${ENROLLMENTS}.id`
    : 'on conflict (series_id, subscriber_id) do nothing';
  for (const one of series) {
    const people = [...new Set(pairs.filter((pair) => pair.listId === one.listId).map((pair) => pair.subscriberId))];
    const dueAt = new Date(at.getTime() + one.firstDelayMinutes * 60_000);
    for (const chunk of chunks(people, CHUNK)) {
      await db.raw(
        `insert into ${ENROLLMENTS}
           (series_id, subscriber_id, enrolled_at, next_step, next_due_at, state, created_at, updated_at)
         select ?, s.id, ?, 0, ?, 'active', ?, ?
         from ${TABLES.subscribers} s
         where s.id in (${chunk.map(() => '?').join(', ')}) and s.status = 'subscribed'
         ${ignoring}`,
        [one.id, at, dueAt, at, at, ...chunk],
      );
    }
  }
}

/**
 * Stops the active series of people who left lists (`listIds`), or every list: leaving the
 * list or unsubscribing ends the series. The tick checks membership again before each step.
 */
export async function stopSeries(
  db: Knex | Knex.Transaction,
  subscriberIds: number[],
  listIds?: number[],
): Promise<void> {
  if (listIds?.length === 0) return;
  for (const chunk of chunks(subscriberIds, CHUNK)) {
    const query = db(ENROLLMENTS).whereIn('subscriber_id', chunk).where('state', 'active');
    if (listIds) query.whereIn('series_id', db(TABLES.series).whereIn('list_id', listIds).select('id'));
    await query.update({ state: 'stopped', next_due_at: null });
  }
}

/** Erasure: a person's enrollments go with them. */
export async function forgetEnrollments(db: Knex | Knex.Transaction, subscriberIds: number[]): Promise<void> {
  for (const chunk of chunks(subscriberIds, CHUNK)) await db(ENROLLMENTS).whereIn('subscriber_id', chunk).delete();
}
