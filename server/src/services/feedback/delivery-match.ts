/**
 * Finding the delivery row a feedback event is about: by the signed delivery reference the
 * message carried, else by its Message-ID. Two queries per batch at most, whatever its size.
 */
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import type { FeedbackEvent } from './event';
import { verifyDeliveryRef } from './delivery-ref';
import { normaliseMessageId } from './webhooks/feedback-event';

export interface MatchedDelivery {
  id: number;
  kind: 'campaign' | 'confirmation' | 'test';
  campaignId: number | null;
  /** The person, while they exist; null for a test send. */
  subscriberId: number | null;
  subscriberStatus: string | null;
  provider: string;
  status: string;
}

/**
 * What an event found: a row to act on, a row whose person was erased (`erased`, the campaign and
 * provider kept for the figures, nothing personal), or nothing.
 */
export type Match =
  | { found: 'delivery'; delivery: MatchedDelivery }
  | { found: 'erased'; campaignId: number | null; provider: string }
  | { found: 'nothing' };

interface Row {
  id: number | string;
  kind: MatchedDelivery['kind'];
  campaign_id: number | string | null;
  subscriber_id: number | string | null;
  email: string;
  provider: string;
  status: string;
  message_id: string | null;
  live_id: number | string | null;
  subscriber_status: string | null;
}

const CHUNK = 500;
const COLUMNS = [
  'd.id',
  'd.kind',
  'd.campaign_id',
  'd.subscriber_id',
  'd.email',
  'd.provider',
  'd.status',
  'd.message_id',
  's.id as live_id',
  's.status as subscriber_status',
];

async function rowsWhere(trx: Knex.Transaction, column: 'd.id' | 'd.message_id', values: Array<string | number>) {
  const rows: Row[] = [];
  const distinct = [...new Set(values)];
  for (let start = 0; start < distinct.length; start += CHUNK) {
    rows.push(
      ...(await trx(`${TABLES.deliveries} as d`)
        .leftJoin(`${TABLES.subscribers} as s`, 's.id', 'd.subscriber_id')
        .whereIn(column, distinct.slice(start, start + CHUNK))
        .select(COLUMNS)),
    );
  }
  return rows;
}

function toMatch(row: Row): Match {
  const delivery: MatchedDelivery = {
    id: Number(row.id),
    kind: row.kind,
    campaignId: row.campaign_id === null ? null : Number(row.campaign_id),
    subscriberId: row.live_id === null ? null : Number(row.live_id),
    subscriberStatus: row.subscriber_status,
    provider: row.provider,
    status: row.status,
  };
  // Erasure clears a delivery's subscriber: only test sends have none to begin with.
  if (delivery.kind !== 'test' && delivery.subscriberId === null) {
    return { found: 'erased', campaignId: delivery.campaignId, provider: delivery.provider };
  }
  return { found: 'delivery', delivery };
}

/** The match of each event, in order. `secrets` verify delivery references. */
export async function matchDeliveries(
  trx: Knex.Transaction,
  events: FeedbackEvent[],
  secrets: readonly string[],
): Promise<Match[]> {
  const refIds = events.map((event) => (event.deliveryRef ? verifyDeliveryRef(secrets, event.deliveryRef) : null));
  const byId = new Map<number, Row>();
  for (const row of await rowsWhere(
    trx,
    'd.id',
    refIds.filter((id): id is number => id !== null),
  )) {
    byId.set(Number(row.id), row);
  }

  // The outbox keeps nodemailer's bracketed form; either form is looked up, compared without brackets.
  const unreferenced = events.filter((event, i) => refIds[i] === null && event.messageId);
  const byMessageId = new Map<string, Row>();
  const candidates = unreferenced.flatMap((event) => [`<${event.messageId}>`, event.messageId as string]);
  for (const row of await rowsWhere(trx, 'd.message_id', candidates)) {
    const key = normaliseMessageId(row.message_id);
    if (key) byMessageId.set(key, row);
  }

  return events.map((event, i) => {
    const refId = refIds[i];
    if (refId !== null) {
      const row = byId.get(refId);
      return row ? toMatch(row) : { found: 'nothing' };
    }
    const row = event.messageId ? byMessageId.get(event.messageId) : undefined;
    if (!row) return { found: 'nothing' };
    // A Message-ID is not signed: when the provider names the recipient, it must be the row's
    // (unless the row was made anonymous, having no address left to compare).
    const anonymous = row.kind !== 'test' && row.subscriber_id === null;
    if (!anonymous && event.email && row.email.toLowerCase() !== event.email) return { found: 'nothing' };
    return toMatch(row);
  });
}
