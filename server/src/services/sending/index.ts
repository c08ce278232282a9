import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { SendMailOptions } from 'nodemailer';
import { TABLES } from '../../constants';
import { knex } from '../../database/connection';
import { pluginConfig, getService } from '../../utils/plugin';
import { classifySendError, classifySendInfo, retryDelaySeconds, type Outcome } from './smtp-outcome';
import type { ClaimedDelivery, RecordedOutcome } from './outbox';
import type { PreparedBatch } from './campaign-messages';
import type { ResolvedProvider } from '../providers';

/** A tick stops claiming new batches after this long, so promotions and kicks are not starved. */
const TICK_BUDGET_MS = 20_000;
// Outcomes are written back in groups, at most this long after the oldest unwritten one.
const RECORD_EVERY = 50;
const RECORD_WITHIN_MS = 200;
const PURGE_EVERY_MS = 3_600_000;
// Rows are marked as handed over this many at a time, just before the first of them is sent.
const HANDOVER_GROUP = 20;

export interface TickResult {
  claimed: number;
  sent: number;
  /** Work was left because the tick ran out of time: run again right away. */
  more: boolean;
}

/** Runs `worker` over `items` with at most `limit` at a time, stopping early when `stop()` says so. */
async function eachLimited<T>(
  items: T[],
  limit: number,
  stop: () => boolean,
  worker: (item: T, index: number) => Promise<void>,
): Promise<T[]> {
  const untouched: T[] = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      if (stop()) untouched.push(items[index]);
      else await worker(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return untouched;
}

/**
 * One tick: promote due campaigns, recover expired leases, then per provider claim a batch
 * under the provider lock, send it through the pooled transport and record each outcome.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const instanceId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const outbox = () => getService(strapi, 'outbox');
  const clock = () => getService(strapi, 'clock');
  let claimSeq = 0;
  let running: Promise<void> | null = null;
  let again = false;
  let stopping = false;
  let lastPurge = 0;

  async function promoteDueCampaigns(now: Date) {
    const due = await knex(strapi)(TABLES.campaigns)
      .where('status', 'scheduled')
      .where('scheduled_at', '<=', now)
      .select('id', 'provider');
    for (const campaign of due) {
      const lists = await knex(strapi)(TABLES.campaignLists).where('campaign_id', campaign.id).pluck('list_id');
      const provider = campaign.provider || getService(strapi, 'providers').defaultName();
      // Materialize first: the campaign only becomes `sending` with its whole audience in place.
      await outbox().materialize({ id: Number(campaign.id), provider }, lists.map(Number));
      await knex(strapi)(TABLES.campaigns)
        .where({ id: campaign.id, status: 'scheduled' })
        .update({ status: 'sending', started_at: now, provider, updated_at: now });
    }
  }

  async function purgePendingSubscribers(now: Date) {
    if (now.getTime() - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = now.getTime();
    await strapi.plugin('email-campaigns').service('subscribers')?.purgePending?.(now);
  }

  /**
   * Marks rows as handed over to the transport a group at a time, before any of the group is
   * sent, so that after a crash only those rows become `unknown` and the rest of the batch goes
   * back to the queue. Resolves whether the row at `index` is still ours to send. One write per
   * group keeps the cost off each message.
   */
  function handoverGate(owner: string, rows: ClaimedDelivery[]) {
    const ours = new Set<number>();
    let markedUpTo = 0;
    let marking: Promise<void> | null = null;
    const markNextGroup = async () => {
      const end = Math.min(rows.length, markedUpTo + HANDOVER_GROUP);
      try {
        for (const id of await outbox().markHanded(
          owner,
          rows.slice(markedUpTo, end).map((row) => row.id),
        ))
          ours.add(id);
      } catch (error) {
        // Not marked, so not sent: the rows stay claimed and go back to the queue.
        strapi.log.warn(
          `[email-campaigns] could not mark rows as handed over, sending them later: ${(error as Error).message}`,
        );
      }
      markedUpTo = end;
    };
    return async (index: number): Promise<boolean> => {
      while (index >= markedUpTo) {
        marking ??= markNextGroup().finally(() => {
          marking = null;
        });
        await marking;
      }
      return ours.has(rows[index].id);
    };
  }

  /** Renders one row's message and hands it to the provider's pool. */
  async function attempt(provider: ResolvedProvider, batch: PreparedBatch, row: ClaimedDelivery): Promise<Outcome> {
    let message: SendMailOptions;
    try {
      message = batch.message(row);
    } catch (error) {
      return { kind: 'failed', error: `The message could not be rendered: ${(error as Error).message}` };
    }
    try {
      return classifySendInfo(await getService(strapi, 'transport').send(provider.name, message));
    } catch (error) {
      return classifySendError(error);
    }
  }

  /** Sends one claimed batch; returns how many messages the server accepted. */
  async function sendBatch(provider: ResolvedProvider, owner: string, rows: ClaimedDelivery[]): Promise<number> {
    const config = pluginConfig(strapi);
    const batch: PreparedBatch = await getService(strapi, 'campaign-messages').prepare(provider, rows);
    for (const [status, reasons] of [
      ['skipped', batch.skipped],
      ['failed', batch.failed],
    ] as const) {
      const byReason = new Map<string, number[]>();
      for (const [id, reason] of reasons) byReason.set(reason, [...(byReason.get(reason) ?? []), id]);
      for (const [reason, ids] of byReason) await outbox().settle(owner, ids, status, reason);
    }
    const sendable = rows.filter((row) => !batch.skipped.has(row.id) && !batch.failed.has(row.id));

    let pause: Extract<Outcome, { kind: 'provider-paused' }> | null = null;
    const requeue: number[] = [];
    let accepted = 0;
    // Outcomes are written back in groups: RECORD_EVERY of them, or RECORD_WITHIN_MS after the
    // oldest unwritten one, whichever comes first. A write per message would commit once per
    // message, and on SQLite every commit blocks the event loop for its fsync.
    let pending: RecordedOutcome[] = [];
    let writing: Promise<void> | null = null;
    let soon: NodeJS.Timeout | null = null;
    const write = (now = false): Promise<void> | null => {
      if (writing || pending.length === 0) return writing;
      if (!now && pending.length < RECORD_EVERY) {
        soon ??= setTimeout(() => {
          soon = null;
          write(true);
        }, RECORD_WITHIN_MS);
        return null;
      }
      if (soon) clearTimeout(soon);
      soon = null;
      const batch = pending;
      pending = [];
      writing = outbox()
        .record(owner, batch, config.maxAttempts)
        .catch((error: Error) => {
          strapi.log.error(
            `[email-campaigns] recording outcomes failed (the rows will turn unknown): ${error.message}`,
          );
        })
        .finally(() => {
          writing = null;
          write();
        });
      return writing;
    };
    const written = async () => {
      while (writing || pending.length) await write(true);
    };

    const leaseTimer = setInterval(
      () => {
        outbox()
          .renewLease(owner, new Date(clock().now().getTime() + config.leaseSeconds * 1000))
          .catch((error: Error) => strapi.log.warn(`[email-campaigns] lease renewal failed: ${error.message}`));
      },
      (config.leaseSeconds * 1000) / 3,
    );
    leaseTimer.unref();

    try {
      const handedOver = handoverGate(owner, sendable);
      const notOurs: number[] = [];
      const unsent = await eachLimited(
        sendable,
        provider.maxConnections * 2,
        () => stopping || pause !== null,
        async (row, index) => {
          if (!(await handedOver(index))) {
            notOurs.push(row.id);
            return;
          }
          const outcome = await attempt(provider, batch, row);
          if (outcome.kind === 'provider-paused') {
            pause ??= outcome;
            requeue.push(row.id);
            return;
          }
          if (outcome.kind === 'sent') accepted += 1;
          const nextAttemptAt =
            outcome.kind === 'retry'
              ? new Date(clock().now().getTime() + retryDelaySeconds(row.attempts) * 1000)
              : undefined;
          pending.push({
            id: row.id,
            kind: row.kind,
            subscriberId: row.subscriberId,
            attempts: row.attempts,
            outcome,
            nextAttemptAt,
          });
          write();
        },
      );
      await written();
      requeue.push(...unsent.map((row) => row.id), ...notOurs);
      if (pause) {
        const { error, pauseSeconds } = pause as Extract<Outcome, { kind: 'provider-paused' }>;
        await outbox().pauseProvider(provider.name, new Date(clock().now().getTime() + pauseSeconds * 1000), error);
        strapi.log.warn(`[email-campaigns] provider "${provider.name}" paused for ${pauseSeconds}s: ${error}`);
      }
      if (requeue.length) await outbox().release(owner, requeue);
    } finally {
      clearInterval(leaseTimer);
    }
    return accepted;
  }

  async function drainProvider(provider: ResolvedProvider, deadline: number, result: TickResult) {
    const config = pluginConfig(strapi);
    if (!(await outbox().hasDue(provider.name, clock().now()))) return;
    while (!stopping) {
      if (Date.now() > deadline) {
        result.more = true;
        return;
      }
      const owner = `${instanceId}#${++claimSeq}`;
      const leaseUntil = new Date(clock().now().getTime() + config.leaseSeconds * 1000);
      const { rows } = await outbox().claim(provider, config.batchSize, owner, leaseUntil);
      if (rows.length === 0) return;
      result.claimed += rows.length;
      result.sent += await sendBatch(provider, owner, rows);
    }
  }

  return {
    instanceId,

    /** One pass over every provider. Tests call it directly; the scheduler calls run(). */
    async tick(): Promise<TickResult> {
      const result: TickResult = { claimed: 0, sent: 0, more: false };
      const now = clock().now();
      await getService(strapi, 'providers').refresh();
      await promoteDueCampaigns(now);
      await outbox().recoverExpiredLeases(now);
      await purgePendingSubscribers(now);
      const deadline = Date.now() + TICK_BUDGET_MS;
      await Promise.all(
        getService(strapi, 'providers')
          .all()
          .map((provider: ResolvedProvider) => drainProvider(provider, deadline, result)),
      );
      await outbox().finishCampaigns(clock().now());
      return result;
    },

    /**
     * Ticks until nothing is left that can go now. One run at a time per process; a call during
     * a run makes that run go round once more instead of starting a second one.
     */
    run(): Promise<void> {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        try {
          do {
            again = false;
            const { more } = await this.tick();
            again ||= more;
          } while (again && !stopping);
        } catch (error) {
          strapi.log.error(`[email-campaigns] sender tick failed: ${(error as Error).message}`);
        } finally {
          running = null;
        }
      })();
      return running;
    },

    /** "Send now": run soon, without waiting for the next cron fire. */
    kick() {
      setImmediate(() => void this.run());
    },

    /** Stops taking new work, gives unsent claimed rows back, and waits for the current run. */
    async stop() {
      stopping = true;
      await running;
    },
  };
};
