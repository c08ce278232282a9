import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import { affectedRows, dialect, knex } from '../../database/connection';
import { readJson } from '../../database/json';
import { getService } from '../../utils/plugin';
import { claimCandidates, confirmationWaiting, due } from './claim-candidates';
import { outcomeColumns } from './outcome-columns';
import type { Outcome } from './smtp-outcome';
import type { Bounce } from '../audience/delivery-feedback';
import type { ResolvedProvider } from '../providers';
import { versionLocaleSql, type CampaignVersion } from '../composing/versions';
import { compileAudience } from '../segments/compile';
import type { SegmentGroup } from '../../contracts/segments';

export type DeliveryKind = 'campaign' | 'confirmation' | 'test';

/** A claimed row: what the sender needs to build and send one message. */
export interface ClaimedDelivery {
  id: number;
  kind: DeliveryKind;
  campaignId: number | null;
  subscriberId: number | null;
  email: string;
  attempts: number;
  /** What a row outside campaigns needs (a test send's address, a confirmation's lists). */
  payload: unknown;
  /** The language version of a campaign row; null: the default content. */
  locale: string | null;
  variant: number | null; // the A/B subject variant, from 1; null: the campaign's own subject
}

/** The columns of a claimed row, as the driver returns them. */
interface DeliveryRow {
  id: number | string;
  kind: DeliveryKind;
  campaign_id: number | string | null;
  subscriber_id: number | string | null;
  email: string;
  attempts: number | string;
  payload: unknown;
  locale: string | null;
  variant: number | string | null;
}

/** What happened to one claimed row, ready to be written back. */
export interface RecordedOutcome {
  id: number;
  kind: DeliveryKind;
  campaignId: number | null;
  subscriberId: number | null;
  attempts: number;
  outcome: Outcome;
  /** For retries: when to try again. */
  nextAttemptAt?: Date;
}

// Subscriber id ranges per INSERT ... SELECT: keeps each statement short on a large audience.
const MATERIALIZE_CHUNK = 25_000;
// Rows per UPDATE ... WHERE id IN (...), well under every driver's bind limit.
const ID_CHUNK = 500;

const NOT_OF_A_PAUSED_CAMPAIGN = `not exists (select 1 from ${TABLES.campaigns} c
  where c.id = ${TABLES.deliveries}.campaign_id and c.status = 'paused')`;

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** The outbox: materialize deliveries, claim batches under the provider lock, record outcomes. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => knex(strapi);
  const now = (): Date => getService(strapi, 'clock').now();

  /** INSERT that ignores rows the unique (campaign, subscriber) index already holds. */
  const insertIgnoring = (columns: string, select: string) => {
    switch (dialect(strapi)) {
      case 'mysql':
        return `insert into ${TABLES.deliveries} (${columns}) ${select} on duplicate key update ${TABLES.deliveries}.id = ${TABLES.deliveries}.id`;
      default:
        return `insert into ${TABLES.deliveries} (${columns}) ${select} on conflict (campaign_id, subscriber_id) do nothing`;
    }
  };

  return {
    /**
     * One queued row per distinct subscribed person on any of the lists or matching any of the
     * segments' rules, inserted by set-based SQL in subscriber-id ranges. Idempotent: running it
     * twice (or on two instances) adds nothing. Rows are inserted in subscriber order, so sends and
     * the report's pages follow it on every dialect (PostgreSQL otherwise inserts in whatever order
     * its plan yields).
     */
    async materialize(
      campaign: { id: number; provider: string; versions?: CampaignVersion[]; defaultLocale?: string | null },
      listIds: number[],
      segmentRules: SegmentGroup[] = [],
    ): Promise<number> {
      if (listIds.length === 0 && segmentRules.length === 0) return 0;
      const { maxId } = ((await db()(TABLES.subscribers).max({ maxId: 'id' }).first()) ?? {}) as { maxId?: number };
      const at = now();
      const audience = compileAudience(dialect(strapi), listIds, segmentRules, 's');
      // Each row keeps the locale of the version its person gets (versions.ts): the sender and the report read it.
      const locale = versionLocaleSql('s.locale', campaign.versions ?? [], campaign.defaultLocale ?? null);
      const sql = insertIgnoring(
        'kind, campaign_id, subscriber_id, email, provider, status, attempts, created_at, updated_at, locale',
        `select 'campaign', ?, s.id, s.email, ?, 'queued', 0, ?, ?, ${locale.sql}
         from ${TABLES.subscribers} s
         where s.id > ? and s.id <= ? and ${audience.sql}
         order by s.id`,
      );
      let inserted = 0;
      for (let from = 0; from < Number(maxId ?? 0); from += MATERIALIZE_CHUNK) {
        const result = await db().raw(sql, [
          campaign.id,
          campaign.provider,
          at,
          at,
          ...locale.bindings,
          from,
          from + MATERIALIZE_CHUNK,
          ...(audience.bindings as Knex.RawBinding[]),
        ]);
        inserted += affectedRows(result);
      }
      return inserted;
    },

    /**
     * A single message outside campaigns (confirmation, test send); the sender picks it up on its
     * next tick. Pass the caller's transaction to queue it atomically with the change it announces.
     */
    async enqueue(
      row: {
        kind: Exclude<DeliveryKind, 'campaign'>;
        subscriberId?: number | null;
        campaignId?: number | null;
        email: string;
        provider: string;
        payload?: unknown;
      },
      trx?: Knex.Transaction,
    ): Promise<number> {
      const at = now();
      const [inserted] = await (trx ?? db())(TABLES.deliveries).insert(
        {
          kind: row.kind,
          campaign_id: row.campaignId ?? null,
          subscriber_id: row.subscriberId ?? null,
          email: row.email,
          provider: row.provider,
          status: 'queued',
          attempts: 0,
          payload: row.payload === undefined ? null : JSON.stringify(row.payload),
          created_at: at,
          updated_at: at,
        },
        ['id'],
      );
      return typeof inserted === 'object' ? Number(inserted.id) : Number(inserted);
    },

    async insertTestDeliveries(campaignId: number, provider: string, emails: string[]): Promise<number[]> {
      const ids: number[] = [];
      for (const email of emails)
        ids.push(await this.enqueue({ kind: 'test', campaignId, email, provider, payload: { to: email } }));
      return ids;
    },

    /** Is anything due for this provider? A cheap probe so an idle tick costs one query per provider. */
    async hasDue(provider: string, at: Date): Promise<boolean> {
      const row = await db()(TABLES.deliveries).where('provider', provider).modify(due(at)).first('id');
      return Boolean(row);
    },

    /**
     * Claims up to `limit` due rows for one provider, in one short transaction holding the
     * provider-state row lock: the room left in every window is counted and taken under that
     * lock, so several instances can never together exceed a limit. Campaign rows whose
     * subscriber left meanwhile are skipped instead of claimed. See docs/architecture.md, "Several instances".
     */
    async claim(
      provider: ResolvedProvider,
      limit: number,
      owner: string,
      leaseUntil: Date,
    ): Promise<{ rows: ClaimedDelivery[]; pausedUntil: Date | null; room: number }> {
      const at = now();
      return db().transaction(async (trx) => {
        const { pausedUntil } = await getService(strapi, 'providerState').lock(trx, provider.name);
        if (pausedUntil && pausedUntil > at) return { rows: [], pausedUntil, room: 0 };

        const room = await getService(strapi, 'quota').room(provider, at, trx);
        const take = Math.min(limit, room);
        if (take <= 0) return { rows: [], pausedUntil: null, room };

        const confirmationRoom = await getService(strapi, 'quota').confirmationRoom(provider, at, trx);
        if (confirmationRoom <= 0 && (await confirmationWaiting(trx, provider.name, at)))
          getService(strapi, 'confirmations').budgetSpent(provider);
        const candidates = await claimCandidates(trx, provider.name, at, take, confirmationRoom);

        const gone = candidates.filter((r) => r.kind === 'campaign' && r.subscriber_status !== 'subscribed');
        const ready = candidates.filter((r) => !gone.includes(r)).map((r) => Number(r.id));
        for (const ids of chunks(
          gone.map((r) => Number(r.id)),
          ID_CHUNK,
        )) {
          await trx(TABLES.deliveries).whereIn('id', ids).whereIn('status', ['queued', 'retry']).update({
            status: 'skipped',
            last_error: 'The subscriber is no longer subscribed',
            updated_at: at,
          });
        }
        for (const ids of chunks(ready, ID_CHUNK)) {
          await trx(TABLES.deliveries)
            .whereIn('id', ids)
            .whereIn('status', ['queued', 'retry'])
            .update({
              status: 'sending',
              claimed_by: owner,
              claimed_until: leaseUntil,
              handed_at: null,
              attempts: trx.raw('attempts + 1'),
              updated_at: at,
            });
        }
        const rows = ready.length
          ? await trx(TABLES.deliveries)
              .where('claimed_by', owner)
              .where('status', 'sending')
              .select('id', 'kind', 'campaign_id', 'subscriber_id', 'email', 'attempts', 'payload', 'locale', 'variant')
              .orderBy('id')
          : [];
        return {
          pausedUntil: null,
          room,
          rows: rows.map((r: DeliveryRow) => ({
            id: Number(r.id),
            kind: r.kind,
            campaignId: r.campaign_id === null ? null : Number(r.campaign_id),
            subscriberId: r.subscriber_id === null ? null : Number(r.subscriber_id),
            email: r.email,
            attempts: Number(r.attempts),
            payload: readJson(r.payload),
            locale: r.locale ?? null,
            variant: Number(r.variant) || null,
          })),
        };
      });
    },

    /**
     * Marks claimed rows as about to be handed to the transport, before any of them is sent.
     * Returns the ids marked, still held by `owner`: a row whose lease expired may have gone back
     * to the queue and to another instance, and must not be sent from here.
     */
    async markHanded(owner: string, ids: number[]): Promise<number[]> {
      const at = now();
      const held = () => db()(TABLES.deliveries).whereIn('id', ids).where({ claimed_by: owner, status: 'sending' });
      // Rows of a campaign paused since the claim (admin, breaker, any instance) stay unmarked: back to the queue.
      const marked = affectedRows(
        await held().whereNull('handed_at').whereRaw(NOT_OF_A_PAUSED_CAMPAIGN).update({ handed_at: at }),
      );
      if (marked === ids.length) return ids;
      return (await held().whereNotNull('handed_at').pluck('id')).map(Number);
    },

    /** Keeps a long batch's claim alive, so other instances do not take it for abandoned. */
    async renewLease(owner: string, leaseUntil: Date) {
      await db()(TABLES.deliveries)
        .where({ claimed_by: owner, status: 'sending' })
        .update({ claimed_until: leaseUntil });
    },

    /**
     * Writes outcomes back in one transaction. Only rows still held by `owner` change (a row
     * that another instance already declared `unknown` after our lease expired is ours too).
     */
    async record(owner: string, outcomes: RecordedOutcome[], maxAttempts: number) {
      if (outcomes.length === 0) return;
      const at = now();
      await db().transaction(async (trx) => {
        const bounced: Bounce[] = [];
        const held = (ids: number[]) =>
          trx(TABLES.deliveries)
            .whereIn('id', ids)
            .where('claimed_by', owner)
            .whereIn('status', ['sending', 'unknown']);
        // Successes are the bulk: one UPDATE for all of them, their own Message-ID and reply by CASE.
        const sent = outcomes.filter((o) => o.outcome.kind === 'sent');
        if (sent.length) {
          const byId = (value: (o: RecordedOutcome) => string | null) =>
            trx.raw(
              `case id ${sent.map(() => 'when ? then ?').join(' ')} end`,
              sent.flatMap((o) => [o.id, value(o)]),
            );
          await held(sent.map((o) => o.id)).update({
            status: 'sent',
            sent_at: at,
            message_id: byId((o) => (o.outcome as { messageId?: string }).messageId?.slice(0, 255) ?? null),
            last_code: byId((o) => (o.outcome as { response?: string }).response?.slice(0, 32) ?? null),
            last_error: null,
            updated_at: at,
          });
        }
        for (const recorded of outcomes) {
          const { id, subscriberId, kind, outcome } = recorded;
          if (outcome.kind === 'sent') continue;
          await held([id]).update(outcomeColumns(recorded, maxAttempts, at));
          if (outcome.kind === 'bounced' && subscriberId !== null && kind !== 'test')
            bounced.push({ subscriberId, code: outcome.code, error: outcome.error });
        }
        // In the same transaction: a person's status and history follow their deliveries.
        if (bounced.length) await getService(strapi, 'deliveryFeedback').bounced(trx, bounced, at);
      });
    },

    /** Ends claimed rows that were never handed to SMTP: not wanted any more, or impossible to build. */
    async settle(owner: string, ids: number[], status: 'skipped' | 'failed', reason: string) {
      for (const chunk of chunks(ids, ID_CHUNK)) {
        await db()(TABLES.deliveries)
          .whereIn('id', chunk)
          .where({ claimed_by: owner, status: 'sending' })
          .update({ status, last_error: reason, updated_at: now() });
      }
    },

    /** Gives claimed rows back untouched (provider paused, shutdown before they were sent). */
    async release(owner: string, ids: number[]) {
      for (const chunk of chunks(ids, ID_CHUNK)) {
        await db()(TABLES.deliveries)
          .whereIn('id', chunk)
          .where({ claimed_by: owner, status: 'sending' })
          .update({
            status: 'queued',
            claimed_by: null,
            claimed_until: null,
            attempts: db().raw('attempts - 1'),
            updated_at: now(),
          });
      }
    },

    /**
     * Rows still `sending` after their lease belong to a process that died mid-send. Those it
     * never handed to the transport go back to the queue. For the others, whether the server
     * accepted them is unknown: they become `unknown`, are never re-sent automatically (at most
     * once), count in the windows, and can be re-sent by an explicit admin action.
     * See docs/architecture.md, "At most once".
     */
    async recoverExpiredLeases(at: Date): Promise<number> {
      // One statement, as every idle tick runs it. A row never handed over keeps its own values
      // (the first column named) but leaves the claim; a handed-over one takes the second.
      const split = (notHanded: string, handed: string, bindings: unknown[] = []) =>
        db().raw(`case when handed_at is null then ${notHanded} else ${handed} end`, bindings);
      return affectedRows(
        await db()(TABLES.deliveries)
          .where('status', 'sending')
          .where('claimed_until', '<', at)
          .update({
            status: split(`'queued'`, `'unknown'`),
            sent_at: split('sent_at', '?', [at]),
            last_error: split('last_error', '?', [
              'The sending process stopped before recording the outcome; the message may or may not have been delivered',
            ]),
            claimed_by: split('null', 'claimed_by'),
            claimed_until: split('null', 'claimed_until'),
            attempts: split('attempts - 1', 'attempts'),
            updated_at: at,
          }),
      );
    },

    /** Explicit admin re-send of failed or unknown rows. */
    async requeue(campaignId: number, statuses: Array<'failed' | 'unknown'>): Promise<number> {
      return affectedRows(
        await db()(TABLES.deliveries)
          .where({ campaign_id: campaignId, kind: 'campaign' })
          .whereIn('status', statuses)
          .update({
            status: 'queued',
            attempts: 0,
            next_attempt_at: null,
            claimed_by: null,
            claimed_until: null,
            updated_at: now(),
          }),
      );
    },

    /** Pending rows of a cancelled campaign (held ones of an A/B test too) end as skipped, with the reason. */
    async skipPending(campaignId: number, reason: string): Promise<number> {
      return affectedRows(
        await db()(TABLES.deliveries)
          .where({ campaign_id: campaignId, kind: 'campaign' })
          .whereIn('status', ['queued', 'retry', 'held'])
          .update({ status: 'skipped', last_error: reason, updated_at: now() }),
      );
    },
  };
};
