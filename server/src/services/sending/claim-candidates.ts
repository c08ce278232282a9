/**
 * Which due rows one claim takes (docs/architecture.md, "The tick", step 5, and "Limits"): in id
 * order, campaign rows only of sending (or testing) campaigns, and confirmation mails only as far as the
 * provider's confirmation budget allows, so a flood of sign-ups never takes the campaigns' share.
 */
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import type { DeliveryKind } from './outbox';

export interface Candidate {
  id: number | string;
  kind: DeliveryKind;
  subscriber_status: string | null;
}

/**
 * Rows that may be sent at `at`: queued, or retrying and due. Written as an IN on status first,
 * so every database walks the (provider, status, next_attempt_at) index instead of scanning.
 */
export const due =
  (at: Date, prefix = '') =>
  (query: Knex.QueryBuilder) =>
    query
      .whereIn(`${prefix}status`, ['queued', 'retry'])
      .where((q) => q.where(`${prefix}status`, 'queued').orWhere(`${prefix}next_attempt_at`, '<=', at));

/**
 * Up to `take` due rows of the provider, of which at most `confirmationRoom` confirmations.
 * When the budget binds, confirmations are read apart, so the rows after them in id order still
 * come, and newest first: the person who signed up a minute ago is waiting for the mail, while a
 * backlog that outgrew the budget is most likely a flood (its people, if any, are purged as
 * pending after `pendingPurgeDays`, and their rows then skipped).
 */
export async function claimCandidates(
  trx: Knex.Transaction,
  provider: string,
  at: Date,
  take: number,
  confirmationRoom: number,
): Promise<Candidate[]> {
  const select = (
    limit: number,
    kinds: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
    order: 'asc' | 'desc' = 'asc',
  ): Promise<Candidate[]> =>
    trx(`${TABLES.deliveries} as d`)
      .leftJoin(`${TABLES.campaigns} as c`, 'c.id', 'd.campaign_id')
      .leftJoin(`${TABLES.subscribers} as s`, 's.id', 'd.subscriber_id')
      .where('d.provider', provider)
      .modify(due(at, 'd.'))
      .modify(kinds)
      .orderBy('d.id', order)
      .limit(limit)
      .select('d.id', 'd.kind', 's.status as subscriber_status');
  // Campaign rows move only while their campaign is sending or sending an A/B test's sample
  // (not paused or cancelled); rows held for the winner are not `queued`, so never due.
  const movable = (q: Knex.QueryBuilder) =>
    q.whereNot('d.kind', 'campaign').orWhereIn('c.status', ['sending', 'testing']);
  if (confirmationRoom >= take) return select(take, (q) => q.where(movable));

  const others = await select(take, (q) => q.whereNot('d.kind', 'confirmation').where(movable));
  const confirmations =
    confirmationRoom > 0 ? await select(confirmationRoom, (q) => q.where('d.kind', 'confirmation'), 'desc') : [];
  return [...confirmations, ...others].sort((a, b) => Number(a.id) - Number(b.id)).slice(0, take);
}

/** Is a confirmation waiting for the provider's budget? Asked only once the budget is spent. */
export async function confirmationWaiting(trx: Knex.Transaction, provider: string, at: Date): Promise<boolean> {
  const row = await trx(TABLES.deliveries).where({ provider, kind: 'confirmation' }).modify(due(at)).first('id');
  return Boolean(row);
}
