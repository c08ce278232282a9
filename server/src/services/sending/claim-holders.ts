import type { Core } from '@strapi/strapi';
import { TABLES } from '../../constants';
import { knex } from '../../database/connection';
import type { Holders } from './send-pacer';

/**
 * Sends recorded this recently still make their instance a holder: between two batches an
 * instance holds no row for a moment, and the others must not take its share meanwhile.
 */
const RECENT_MS = 2000;

/** The instance part of a `claimedBy` owner: `host:pid:random#sequence` → `host:pid:random`. */
export const instanceOf = (owner: string): string => owner.split('#')[0];

/**
 * The instances holding live claims on `provider` (rows `sending` whose lease has not run out,
 * or sent in the last two seconds), this one counted whether or not it holds any, and this
 * one's rank among them by id, the same order on every instance. One query over the few rows
 * in flight, through the claim and quota indexes.
 */
export async function liveClaimHolders(
  strapi: Core.Strapi,
  provider: string,
  self: string,
  now: Date,
): Promise<Holders> {
  const rows: Array<{ claimed_by: string | null }> = await knex(strapi)(TABLES.deliveries)
    .where('provider', provider)
    .whereNotNull('claimed_by')
    .where((live) =>
      live
        .where((held) => held.where('status', 'sending').where('claimed_until', '>', now))
        .orWhere('sent_at', '>', new Date(now.getTime() - RECENT_MS)),
    )
    .distinct('claimed_by');
  const ids = new Set(rows.flatMap((row) => (row.claimed_by ? [instanceOf(row.claimed_by)] : [])));
  ids.add(self);
  const sorted = [...ids].sort();
  return { count: sorted.length, rank: sorted.indexOf(self) };
}
