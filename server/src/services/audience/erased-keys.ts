/**
 * Erasure keeps a campaign's unique open and click counts: before an erased person's events lose
 * their delivery id, every event of one delivery gets the same random `erased_key`, so "distinct
 * delivery id or erased key" counts exactly what it counted before (docs/architecture.md,
 * "Engagement", erasure and opt-out).
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { TABLES } from '../../constants';

/** Deliveries per statement: one CASE branch and one IN value each. */
const DELIVERIES_PER_UPDATE = 400;

/** A random key of 32 hex characters (the column's length); nothing in it points back to the person. */
const newErasedKey = (): string => randomBytes(16).toString('hex');

/**
 * What providers reported and the opens and clicks of erased people stay for the figures, without
 * the person, their delivery or the diagnostic text (which often quotes the address). Each delivery's
 * events get one key of their own first, a few hundred deliveries per UPDATE, never one per event.
 * Every read and write goes by an index (subscriber, or delivery), never by an OR of both.
 */
export async function unnameEvents(
  trx: Knex.Transaction,
  subscriberIds: number[],
  /** A subquery of the people's delivery ids: a bulk erasure may name a hundred thousand. */
  theirDeliveries: Knex.QueryBuilder,
  at: Date,
): Promise<void> {
  const events = () => trx(TABLES.deliveryEvents).whereNotNull('delivery_id');
  const bySubscriber: unknown[] = await events()
    .whereIn('subscriber_id', subscriberIds)
    .distinct()
    .pluck('delivery_id');
  const byDelivery: unknown[] = await events()
    .whereIn('delivery_id', theirDeliveries.clone())
    .distinct()
    .pluck('delivery_id');
  const named = [...new Set([...bySubscriber, ...byDelivery].map(Number))];
  const unnamed = { subscriber_id: null, delivery_id: null, detail: null, updated_at: at };
  for (let from = 0; from < named.length; from += DELIVERIES_PER_UPDATE) {
    const chunk = named.slice(from, from + DELIVERIES_PER_UPDATE);
    const branches = chunk.map(() => 'when ? then ?').join(' ');
    const keys = chunk.flatMap((id) => [id, newErasedKey()]);
    await trx(TABLES.deliveryEvents)
      .whereIn('delivery_id', chunk)
      .update({ erased_key: trx.raw(`case delivery_id ${branches} end`, keys) });
    await trx(TABLES.deliveryEvents).whereIn('delivery_id', chunk).update(unnamed);
  }
  // Events that named the person without a delivery.
  await trx(TABLES.deliveryEvents).whereIn('subscriber_id', subscriberIds).update(unnamed);
}
