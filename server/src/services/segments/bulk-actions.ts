/**
 * Bulk actions on a segment, unsaved rules or chosen people: add to a list, remove from a list,
 * unsubscribe, erase, export. Each first answers how many people it would touch, and runs only
 * when the caller confirms that number. The work goes in id-ordered chunks of set-based
 * statements, each chunk in one transaction with its consent-log rows.
 * See docs/architecture.md, "Segments".
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import { knex } from '../../database/connection';
import { getService } from '../../utils/plugin';
import { unsubscribePeople } from '../audience/leaving';
import { link } from '../audience/memberships';
import type { BulkActionInput, BulkActionResult } from '../../contracts/segments';
import type { SqlFragment } from './compile';
import { checkedRules } from './index';

const CHUNK = 1000;

/** The count the caller confirmed is not the count now: someone joined or left meanwhile. */
export class BulkCountChanged extends Error {
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`The action would now touch ${actual} people, not ${expected}: check the count and confirm again.`);
    this.name = 'BulkCountChanged';
  }
}

const and = (a: SqlFragment, b: SqlFragment): SqlFragment => ({
  sql: `(${a.sql}) and (${b.sql})`,
  bindings: [...a.bindings, ...b.bindings],
});

const onList = (listId: number): SqlFragment => ({
  sql: `exists (select 1 from ${TABLES.subscriberLists} bl where bl.subscriber_id = s.id and bl.list_id = ?)`,
  bindings: [listId],
});

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => knex(strapi);
  const now = (): Date => getService(strapi, 'clock').now();
  const segments = () => getService(strapi, 'segments');

  /** Who the request names, as a condition over `s`. */
  async function people(input: BulkActionInput): Promise<SqlFragment> {
    if (input.segmentId !== undefined) return segments().where((await segments().findOne(input.segmentId)).rules);
    if (input.rules !== undefined) return segments().where(checkedRules(input.rules));
    const ids = [...new Set(input.subscriberIds ?? [])];
    return { sql: ids.length ? `s.id in (${ids.map(() => '?').join(', ')})` : '1 = 0', bindings: ids };
  }

  /** Of those people, the ones the action changes: adding someone already on the list touches no one. */
  function touched(input: BulkActionInput, who: SqlFragment): SqlFragment {
    const listId = Number(input.listId);
    switch (input.action) {
      case 'addToList': // only people who are subscribed: a list never brings back someone who left
        return and(who, { sql: `s.status = 'subscribed' and not ${onList(listId).sql}`, bindings: [listId] });
      case 'removeFromList':
        return and(who, onList(listId));
      case 'unsubscribe':
        return and(who, { sql: `s.status not in ('unsubscribed', 'complained')`, bindings: [] });
      default:
        return who;
    }
  }

  async function count(where: SqlFragment): Promise<number> {
    const row = await db()(`${TABLES.subscribers} as s`)
      .whereRaw(where.sql, where.bindings as Knex.RawBinding[])
      .count({ n: '*' })
      .first();
    return Number(row?.n ?? 0);
  }

  /** The next chunk of ids meeting `where`, after `after`, in id order. */
  async function nextIds(where: SqlFragment, after: number): Promise<number[]> {
    const ids = await db()(`${TABLES.subscribers} as s`)
      .where('s.id', '>', after)
      .whereRaw(where.sql, where.bindings as Knex.RawBinding[])
      .orderBy('s.id')
      .limit(CHUNK)
      .pluck('s.id');
    return ids.map(Number);
  }

  /** One consent-log row per person of the chunk, in one INSERT … SELECT. */
  async function logEvents(trx: Knex.Transaction, ids: number[], type: string, data: Record<string, unknown>) {
    const at = now();
    await trx.raw(
      `insert into ${TABLES.subscriberEvents} (subscriber_id, type, data, at, created_at, updated_at)
       select s.id, ?, ?, ?, ?, ? from ${TABLES.subscribers} s where s.id in (${ids.map(() => '?').join(', ')})`,
      [type, JSON.stringify(data), at, at, at, ...ids],
    );
  }

  /** Runs `step` on each chunk of the people `where` names; returns how many it was given. */
  async function eachChunk(where: SqlFragment, step: (ids: number[]) => Promise<void>): Promise<number> {
    let after = 0;
    let done = 0;
    for (;;) {
      const ids = await nextIds(where, after);
      if (ids.length === 0) return done;
      await step(ids);
      done += ids.length;
      after = ids[ids.length - 1];
    }
  }

  const inTransaction = async (work: (trx: Knex.Transaction) => Promise<unknown>): Promise<void> => {
    await strapi.db.transaction(({ trx }: { trx: Knex.Transaction }) => work(trx));
  };

  async function run(input: BulkActionInput, where: SqlFragment, adminId?: number): Promise<BulkActionResult> {
    const by = { via: 'bulk', by: adminId ?? null };
    const listId = Number(input.listId);
    const result = (count: number, csv?: string): BulkActionResult => ({
      action: input.action,
      count,
      done: true,
      ...(csv === undefined ? {} : { csv }),
    });
    switch (input.action) {
      case 'addToList':
        return result(
          await eachChunk(where, (ids) =>
            inTransaction(async (trx) => {
              // A bulk add is a join like any other: the list's `joined` series start for them.
              await link(
                trx,
                ids.map((subscriberId) => ({ subscriberId, listId })),
                { at: now(), confirmed: false },
              );
              await logEvents(trx, ids, 'lists-changed', { ...by, added: [listId], removed: [] });
            }),
          ),
        );
      case 'removeFromList':
        return result(
          await eachChunk(where, (ids) =>
            inTransaction(async (trx) => {
              await trx(TABLES.subscriberLists).whereIn('subscriber_id', ids).where('list_id', listId).delete();
              await logEvents(trx, ids, 'lists-changed', { ...by, added: [], removed: [listId] });
            }),
          ),
        );
      case 'unsubscribe':
        // leaving.ts: every list left, nothing pending, an `unsubscribed` event naming the lists.
        return result(
          await eachChunk(where, (ids) =>
            inTransaction((trx) =>
              unsubscribePeople(
                strapi,
                trx,
                ids.map((subscriberId) => ({ subscriberId, data: by })),
                'admin',
                now(),
              ),
            ),
          ),
        );
      case 'erase': {
        // Erasure deletes the person's history with them; the suppression row is what remains.
        let erased = 0;
        await eachChunk(where, async (ids) => {
          erased += await getService(strapi, 'privacy').eraseMany(ids);
        });
        return result(erased);
      }
      case 'export': {
        const exported = await eachChunk(where, (ids) => inTransaction((trx) => logEvents(trx, ids, 'exported', by)));
        let csv = '';
        for await (const chunk of getService(strapi, 'subscriberExport').stream({}, where)) csv += String(chunk);
        return result(exported, csv);
      }
    }
  }

  return {
    /**
     * Without `confirm`: how many people the action would touch, nothing changed. With `confirm`
     * equal to that number: the action, done. Another number: BulkCountChanged (409).
     */
    async perform(input: BulkActionInput, adminId?: number): Promise<BulkActionResult> {
      if ((input.action === 'addToList' || input.action === 'removeFromList') && input.listId !== undefined)
        await getService(strapi, 'lists').findOne(input.listId);
      const where = touched(input, await people(input));
      const expected = await count(where);
      if (input.confirm === undefined) return { action: input.action, count: expected, done: false };
      if (input.confirm !== expected) throw new BulkCountChanged(input.confirm, expected);
      return run(input, where, adminId);
    },
  };
};
