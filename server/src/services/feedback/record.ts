/**
 * The one entry point for what providers report after the hand-off (webhooks, the bounce
 * mailbox): each event is matched to its delivery, stored once, and only events stored for the
 * first time change anything, so a replay changes nothing. A batch costs a handful of
 * statements whatever its size. See docs/architecture.md, "Outcome rules".
 */
import { secretList } from '../tokens';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import { dialect, knex } from '../../database/connection';
import { getService, pluginConfig } from '../../utils/plugin';
import type { Bounce, Complaint } from '../audience/delivery-feedback';
import type { Leaver } from '../audience/leaving';
import { matchDeliveries, type Match, type MatchedDelivery } from './delivery-match';
import type { FeedbackEvent } from './event';
import { storeEvents, type EventRow } from './event-store';

export interface RecordOptions {
  /** The plugin provider the events came through, when the caller knows it and no row says. */
  provider?: string;
}

export interface RecordResult {
  /** Events given. */
  received: number;
  /** Events stored for the first time; the rest had been recorded before. */
  recorded: number;
}

/** An event stored for the first time that found its delivery row. */
// The kinds the circuit breaker counts.
const JUDGED_KINDS = new Set<FeedbackEvent['kind']>(['bounce_hard', 'complaint']);

interface Fresh {
  event: FeedbackEvent;
  delivery: MatchedDelivery;
}

// Events per transaction of record(): one SendGrid batch holds up to about 1,000.
const BATCH = 1000;
const ID_CHUNK = 500;
// A person whose status says they are never mailed again gains nothing from another bounce event.
const SUPPRESSED = ['bounced', 'complained'];

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

function eventRow(event: FeedbackEvent, match: Match, fallbackProvider: string | null): EventRow {
  const common = {
    kind: event.kind,
    source: event.source,
    external_id: event.externalId,
    code: event.code,
    occurred_at: event.occurredAt,
  };
  if (match.found === 'delivery') {
    const { delivery } = match;
    return {
      ...common,
      delivery_id: delivery.id,
      campaign_id: delivery.campaignId,
      subscriber_id: delivery.subscriberId,
      provider: delivery.provider,
      detail: event.detail,
    };
  }
  // Erased or unknown: kept for the counts, with nothing that could name a person (a diagnostic
  // text often quotes the address).
  return {
    ...common,
    delivery_id: null,
    campaign_id: match.found === 'erased' ? match.campaignId : null,
    subscriber_id: null,
    provider: match.found === 'erased' ? match.provider : fallbackProvider,
    detail: null,
  };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const now = (): Date => getService(strapi, 'clock').now();
  const people = () => getService(strapi, 'deliveryFeedback');

  /** A CASE over delivery ids, so rows with their own values change in one UPDATE. */
  const byId = (trx: Knex.Transaction, values: Array<[number, string | null]>) =>
    trx.raw(`case id ${values.map(() => 'when ? then ?').join(' ')} end`, values.flat());

  /** Hard bounces end a delivery that went out (`sent`, or `unknown` after a crash) as `bounced`. */
  async function bounceDeliveries(trx: Knex.Transaction, bounces: Fresh[], at: Date) {
    for (const group of chunks(bounces, ID_CHUNK)) {
      await trx(TABLES.deliveries)
        .whereIn(
          'id',
          group.map(({ delivery }) => delivery.id),
        )
        .whereIn('status', ['sent', 'unknown'])
        .update({
          status: 'bounced',
          last_code: byId(
            trx,
            group.map(({ delivery, event }) => [delivery.id, event.code]),
          ),
          last_error: byId(
            trx,
            group.map(({ delivery, event }) => [
              delivery.id,
              `Bounced, reported by ${event.source}${event.detail ? `: ${event.detail}` : ''}`,
            ]),
          ),
          updated_at: at,
        });
    }
  }

  /** The provider delivered it: an `unknown` row (a crash between hand-off and reply) was sent. */
  async function confirmDeliveries(trx: Knex.Transaction, delivered: Fresh[], at: Date) {
    for (const group of chunks(delivered, ID_CHUNK)) {
      await trx(TABLES.deliveries)
        .whereIn(
          'id',
          group.map(({ delivery }) => delivery.id),
        )
        .where('status', 'unknown')
        .update({ status: 'sent', last_error: null, updated_at: at });
    }
  }

  /**
   * People with at least `limit` soft-bounced messages within the window. Distinct messages, not
   * events: a provider reports each retry of one message, and a full mailbox on one day is
   * one problem.
   */
  async function overSoftLimit(trx: Knex.Transaction, soft: Fresh[], at: Date): Promise<Bounce[]> {
    const { limit, windowDays } = pluginConfig(strapi).feedback.softBounces;
    const candidates = soft.filter(({ delivery }) => !SUPPRESSED.includes(delivery.subscriberStatus ?? ''));
    const ids = [...new Set(candidates.map(({ delivery }) => delivery.subscriberId as number))];
    const counts = new Map<number, number>();
    for (const group of chunks(ids, ID_CHUNK)) {
      const rows: Array<{ subscriber_id: number | string; n: number | string }> = await trx(TABLES.deliveryEvents)
        .whereIn('subscriber_id', group)
        .where('kind', 'bounce_soft')
        .where('occurred_at', '>=', new Date(at.getTime() - windowDays * 86_400_000))
        .groupBy('subscriber_id')
        .select('subscriber_id')
        .countDistinct({ n: 'delivery_id' });
      for (const row of rows) counts.set(Number(row.subscriber_id), Number(row.n));
    }
    const reached = new Map<number, Fresh>();
    for (const item of candidates) {
      const id = item.delivery.subscriberId as number;
      if ((counts.get(id) ?? 0) >= limit) reached.set(id, item);
    }
    return [...reached].map(([subscriberId, { event }]) => ({
      subscriberId,
      code: event.code,
      error: event.detail,
      data: { source: event.source, softBounces: counts.get(subscriberId), withinDays: windowDays },
    }));
  }

  /** The rules, for events stored for the first time that found their row. */
  async function apply(trx: Knex.Transaction, fresh: Fresh[], at: Date) {
    const of = (kind: FeedbackEvent['kind']) => fresh.filter(({ event }) => event.kind === kind);
    // Subscriber effects only where a person is behind the row (test sends have none).
    const personal = (items: Fresh[]) => items.filter(({ delivery }) => delivery.subscriberId !== null);
    const context = ({ event, delivery }: Fresh) => ({ source: event.source, campaign: delivery.campaignId });

    const hard = of('bounce_hard');
    await bounceDeliveries(trx, hard, at);
    await confirmDeliveries(trx, of('delivered'), at);

    const bounces: Bounce[] = personal(hard).map((item) => ({
      subscriberId: item.delivery.subscriberId as number,
      code: item.event.code,
      error: item.event.detail,
      data: context(item),
    }));
    bounces.push(...(await overSoftLimit(trx, personal(of('bounce_soft')), at)));
    if (bounces.length) await people().bounced(trx, bounces, at);

    const leavers: Leaver[] = personal(of('unsubscribe')).map((item) => ({
      subscriberId: item.delivery.subscriberId as number,
      data: context(item),
    }));
    if (leavers.length) await people().unsubscribed(trx, leavers, at);

    // Last, so a complaint wins over anything else the same batch reported.
    const complaints: Complaint[] = personal(of('complaint')).map((item) => ({
      subscriberId: item.delivery.subscriberId as number,
      data: { ...context(item), feedback: item.event.detail },
    }));
    if (complaints.length) await people().complained(trx, complaints, at);
  }

  /**
   * Records events inside the caller's transaction; for each event, whether it was stored for
   * the first time. The caller's transaction lets a webhook spend its single-use token in the
   * same commit as its events.
   */
  async function recordIn(
    trx: Knex.Transaction,
    events: FeedbackEvent[],
    options: RecordOptions = {},
  ): Promise<boolean[]> {
    const at = now();
    // The same event twice in one batch counts once.
    const seen = new Set<string>();
    const unique = events.filter((event) => {
      const key = `${event.source}\u0000${event.externalId}`;
      return !seen.has(key) && Boolean(seen.add(key));
    });
    const matches = await matchDeliveries(trx, unique, secretList(pluginConfig(strapi).secret));
    const stored = await storeEvents(
      trx,
      dialect(strapi),
      unique.map((event, i) => eventRow(event, matches[i], options.provider ?? null)),
      at,
    );
    const fresh: Fresh[] = [];
    unique.forEach((event, i) => {
      const match = matches[i];
      if (stored[i] && match.found === 'delivery') fresh.push({ event, delivery: match.delivery });
    });
    await apply(trx, fresh, at);
    judgeOnceCommitted(trx, fresh);
    const isNew = new Set(unique.filter((_, i) => stored[i]));
    return events.map((event) => isNew.has(event));
  }

  /**
   * Once the events are committed, the circuit breaker judges the campaigns and providers their
   * bounces and complaints touched. A failed judgement is logged: the events stay recorded.
   * See docs/architecture.md, "Reputation circuit breaker".
   */
  function judgeOnceCommitted(trx: Knex.Transaction, fresh: Fresh[]) {
    const judged = fresh.filter(({ event }) => JUDGED_KINDS.has(event.kind));
    if (judged.length === 0) return;
    const campaignIds = [...new Set(judged.flatMap(({ delivery }) => delivery.campaignId ?? []))];
    const providers = [...new Set(judged.map(({ delivery }) => delivery.provider))];
    trx.executionPromise.then(
      () =>
        getService(strapi, 'reputation')
          .evaluate({ campaignIds, providers })
          .catch((error: Error) => strapi.log.error(`[email-campaigns] reputation check failed: ${error.message}`)),
      () => undefined, // rolled back: nothing was recorded, nothing to judge
    );
  }

  return {
    recordIn,

    /** Records events in transactions of up to 1,000. */
    async record(events: FeedbackEvent[], options: RecordOptions = {}): Promise<RecordResult> {
      let recorded = 0;
      for (const batch of chunks(events, BATCH)) {
        const stored = await knex(strapi).transaction((trx) => recordIn(trx, batch, options));
        recorded += stored.filter(Boolean).length;
      }
      return { received: events.length, recorded };
    },
  };
};
