import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { SendMailOptions } from 'nodemailer';
import { TABLES } from '../../constants';
import { CANCEL_REASON } from '../campaign-status';
import { readAbTest, type TestingCampaign } from '../ab-test';
import { knex } from '../../database/connection';
import { readJson } from '../../database/json';
import { readVersions } from '../composing/versions';
import { pluginConfig, getService } from '../../utils/plugin';
import type { ResolvedProvider } from '../providers';
import type { PreparedBatch } from './campaign-messages';
import { breakerWatch } from './breaker-watch';
import { liveClaimHolders } from './claim-holders';
import { eachLimited } from './each-limited';
import { handoverGate } from './handover-gate';
import { keepLeaseAlive } from './lease';
import type { ClaimedDelivery } from './outbox';
import { outcomeWriter, type OutcomeWriter } from './outcome-writer';
import { SendPacer } from './send-pacer';
import { renderStops } from './render-stops';
import { CampaignStateError } from '../campaign-status';
import { classifySendError, classifySendInfo, retryDelaySeconds, type Outcome } from './smtp-outcome';

/** A tick stops claiming new batches after this long, so promotions and kicks are not starved. */
const TICK_BUDGET_MS = 20_000;
const PURGE_EVERY_MS = 3_600_000;

export interface TickResult {
  claimed: number;
  sent: number;
  /** Work was left because the tick ran out of time: run again right away. */
  more: boolean;
}

type PauseOutcome = Extract<Outcome, { kind: 'provider-paused' }>;
/** A campaign message that could not be rendered: its campaign pauses (render-stops.ts). */
type Unrenderable = { kind: 'unrenderable'; error: Error };

/**
 * The sender pipeline, registered as the `sender` service. Each tick promotes due campaigns and
 * materializes their audience, recovers expired leases, then per provider claims a batch under
 * the provider lock, hands it over to the pooled transport, attempts each message and records
 * its outcome, and finally finishes the campaigns with nothing left to send. The functions below
 * follow that order. See docs/architecture.md, "The tick".
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const instanceId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const outbox = () => getService(strapi, 'outbox');
  const clock = () => getService(strapi, 'clock');
  const secondsFromNow = (seconds: number) => new Date(clock().now().getTime() + seconds * 1000);
  let claimSeq = 0;
  let running: Promise<void> | null = null;
  let again = false;
  let stopping = false;
  let lastPurge = 0;
  let lastSweep = 0;
  const pacers = new Map<string, SendPacer>();

  /** The provider's perSecond pacing, shared with the other instances sending through it. */
  function pacer(name: string): SendPacer {
    let found = pacers.get(name);
    if (!found) {
      found = new SendPacer(() => liveClaimHolders(strapi, name, instanceId, clock().now()));
      pacers.set(name, found);
    }
    return found;
  }

  /** Promote: scheduled campaigns whose time has come start sending, their audience in place first. */
  async function promote(now: Date): Promise<TestingCampaign[]> {
    // One query finds both the due campaigns and the A/B tests the next step may decide, so an
    // idle tick costs no more for the tests.
    const found: Array<TestingCampaign & { provider: string | null; status: string }> = await knex(strapi)(
      TABLES.campaigns,
    )
      .where((q) => q.where('status', 'scheduled').where('scheduled_at', '<=', now).orWhere('status', 'testing'))
      .select('id', 'provider', 'ab_test', 'status', 'started_at');
    for (const campaign of found.filter((c) => c.status === 'scheduled')) {
      const provider = campaign.provider || getService(strapi, 'providers').defaultName();
      // Materialize first: the campaign only becomes `sending` with its whole audience in place.
      await materialize(Number(campaign.id), provider);
      // An A/B test's campaign becomes `testing` instead, its sample split off (ab-test/).
      const test = readAbTest(campaign.ab_test);
      const started = test
        ? await getService(strapi, 'abTest').start(Number(campaign.id), test, provider, now)
        : await getService(strapi, 'campaignStatus').start(Number(campaign.id), provider, now);
      if (!started) await skipIfCancelled(Number(campaign.id));
    }
    return found.filter((c) => c.status === 'testing');
  }

  /**
   * A campaign cancelled after the query above found it: the cancel skipped the rows that existed
   * then, so the rows this tick added are skipped here. See docs/architecture.md, "Campaign status".
   */
  async function skipIfCancelled(campaignId: number) {
    const campaign = await knex(strapi)(TABLES.campaigns).where('id', campaignId).first('status');
    if (campaign?.status === 'cancelled') await outbox().skipPending(campaignId, CANCEL_REASON);
  }

  /** Materialize: one queued outbox row per subscribed person of the campaign's lists and segments. */
  async function materialize(campaignId: number, provider: string) {
    const lists = await knex(strapi)(TABLES.campaignLists).where('campaign_id', campaignId).pluck('list_id');
    const segments = getService(strapi, 'segments');
    const segmentRules = await segments.rulesOf(await segments.idsOfCampaign(campaignId));
    const row = await knex(strapi)(TABLES.campaigns).where('id', campaignId).first('versions', 'default_locale');
    const versions = readVersions(readJson(row?.versions));
    await outbox().materialize(
      { id: campaignId, provider, versions, defaultLocale: row?.default_locale ?? null },
      lists.map(Number),
      segmentRules,
    );
  }

  /** Recover: rows a dead process left `sending` go back to the queue, or become `unknown`. */
  async function recover(now: Date) {
    await outbox().recoverExpiredLeases(now);
    // Housekeeping that rides on the tick, at most hourly (either way: a test clock moves back).
    if (Math.abs(now.getTime() - lastSweep) >= PURGE_EVERY_MS) {
      lastSweep = now.getTime();
      await skipRowsOfCancelled(now);
    }
    if (now.getTime() - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = now.getTime();
    await getService(strapi, 'subscribers').purgePending(now);
  }

  /** A tick that died between materializing a campaign cancelled meanwhile and skipping its rows left them queued. */
  async function skipRowsOfCancelled(now: Date) {
    await knex(strapi)(TABLES.deliveries)
      .where('kind', 'campaign')
      .whereIn('status', ['queued', 'retry', 'held'])
      .whereIn('campaign_id', knex(strapi)(TABLES.campaigns).where('status', 'cancelled').select('id'))
      .update({ status: 'skipped', last_error: CANCEL_REASON, updated_at: now });
  }

  /** Claim: one provider's due rows, a batch at a time, until none is left or the tick's time is up. */
  async function claim(provider: ResolvedProvider, deadline: number, result: TickResult) {
    const config = pluginConfig(strapi);
    if (!(await outbox().hasDue(provider.name, clock().now()))) return;
    while (!stopping) {
      if (Date.now() > deadline) {
        result.more = true;
        return;
      }
      const owner = `${instanceId}#${++claimSeq}`;
      const { rows } = await outbox().claim(provider, config.batchSize, owner, secondsFromNow(config.leaseSeconds));
      if (rows.length === 0) return;
      result.claimed += rows.length;
      result.sent += await handOver(provider, owner, rows);
    }
  }

  /**
   * Hand over: sends one claimed batch through the provider's pool, a few messages at a time,
   * each row marked as handed over before it goes. Rows not sent (provider paused, shutdown,
   * no longer ours) go back to the queue. Returns how many messages the server accepted.
   */
  async function handOver(provider: ResolvedProvider, owner: string, rows: ClaimedDelivery[]): Promise<number> {
    const config = pluginConfig(strapi);
    const batch = await getService(strapi, 'campaign-messages').prepare(provider, rows);
    await settleUnsendable(owner, batch);
    const sendable = rows.filter((row) => !batch.skipped.has(row.id) && !batch.failed.has(row.id));

    const watch = breakerWatch(
      provider.name,
      (scope) => getService(strapi, 'reputation').evaluate(scope),
      (error) => strapi.log.error(`[email-campaigns] reputation check failed: ${error.message}`),
    );
    const writer = outcomeWriter(
      async (outcomes) => {
        await outbox().record(owner, outcomes, config.maxAttempts);
        // Judged after the write, so the rates include it; what it pauses stops this batch.
        await watch.afterWrite(outcomes);
      },
      (error) =>
        strapi.log.error(`[email-campaigns] recording outcomes failed (the rows will turn unknown): ${error.message}`),
    );
    const stopLease = keepLeaseAlive(
      config.leaseSeconds,
      () => outbox().renewLease(owner, secondsFromNow(config.leaseSeconds)),
      (error) => strapi.log.warn(`[email-campaigns] lease renewal failed: ${error.message}`),
    );
    const stops = renderStops((campaignId, reason) => pauseCampaign(campaignId, reason));
    const handedOver = handoverGate(
      sendable,
      (ids) => outbox().markHanded(owner, ids),
      (error) =>
        strapi.log.warn(`[email-campaigns] could not mark rows as handed over, sending them later: ${error.message}`),
    );

    // Declared through `as` so the compiler does not narrow it to null: the workers set it.
    let pause = null as PauseOutcome | null;
    const giveBack: number[] = [];
    let accepted = 0;
    try {
      const unsent = await eachLimited(
        sendable,
        provider.maxConnections * 2,
        () => stopping || pause !== null || watch.providerPaused(),
        async (row, index) => {
          // A campaign the breaker paused meanwhile keeps its remaining rows in the queue.
          const held = () => watch.holds(row) || stops.holds(row);
          if (held() || !(await handedOver(index)) || held()) {
            giveBack.push(row.id);
            return;
          }
          const outcome = await attempt(provider, batch, row);
          if (outcome.kind === 'unrenderable') {
            await stops.stop(row, outcome.error);
            giveBack.push(row.id);
            return;
          }
          if (outcome.kind === 'provider-paused') {
            pause ??= outcome;
            giveBack.push(row.id);
            return;
          }
          if (outcome.kind === 'sent') accepted += 1;
          record(writer, row, outcome);
        },
      );
      await writer.flush();
      giveBack.push(...unsent.map((row) => row.id));
      if (pause) await pauseProvider(provider, pause);
      if (giveBack.length) await outbox().release(owner, giveBack);
    } finally {
      stopLease();
    }
    return accepted;
  }

  /** Ends the rows the batch found it cannot or need not send, one write per reason. */
  async function settleUnsendable(owner: string, batch: PreparedBatch) {
    for (const [status, reasons] of [
      ['skipped', batch.skipped],
      ['failed', batch.failed],
    ] as const) {
      const byReason = new Map<string, number[]>();
      for (const [id, reason] of reasons) byReason.set(reason, [...(byReason.get(reason) ?? []), id]);
      for (const [reason, ids] of byReason) await outbox().settle(owner, ids, status, reason);
    }
  }

  /** Attempt: renders one row's message and hands it to the provider's pool. */
  async function attempt(
    provider: ResolvedProvider,
    batch: PreparedBatch,
    row: ClaimedDelivery,
  ): Promise<Outcome | Unrenderable> {
    let message: SendMailOptions;
    try {
      message = batch.message(row);
    } catch (error) {
      if (row.kind === 'campaign') return { kind: 'unrenderable', error: error as Error };
      return { kind: 'failed', error: `The message could not be rendered: ${(error as Error).message}` };
    }
    try {
      if (provider.limits.perSecond) await pacer(provider.name).take(provider.limits.perSecond);
      return classifySendInfo(await getService(strapi, 'transport').send(provider.name, message));
    } catch (error) {
      return classifySendError(error);
    }
  }

  /** Record: queues one outcome for the next grouped write, with when to retry it. */
  function record(writer: OutcomeWriter, row: ClaimedDelivery, outcome: Outcome) {
    const nextAttemptAt = outcome.kind === 'retry' ? secondsFromNow(retryDelaySeconds(row.attempts)) : undefined;
    writer.add({
      id: row.id,
      kind: row.kind,
      campaignId: row.campaignId,
      subscriberId: row.subscriberId,
      attempts: row.attempts,
      outcome,
      nextAttemptAt,
    });
  }

  /** The provider refused for a while (auth, quota, policy, throttling): no claims until then. */
  async function pauseProvider(provider: ResolvedProvider, { error, pauseSeconds }: PauseOutcome) {
    await getService(strapi, 'providerState').pause(provider.name, secondsFromNow(pauseSeconds), error);
    strapi.log.warn(`[email-campaigns] provider "${provider.name}" paused for ${pauseSeconds}s: ${error}`);
  }

  /** A campaign whose message cannot be rendered stops; one paused or cancelled meanwhile stays so. */
  async function pauseCampaign(campaignId: number, reason: string) {
    try {
      await getService(strapi, 'campaignStatus').pause(campaignId, reason);
      strapi.log.warn(`[email-campaigns] campaign ${campaignId} paused: ${reason}`);
    } catch (error) {
      if (!(error instanceof CampaignStateError)) throw error;
    }
  }

  /** Finish: sending campaigns with no row left to send become `sent`. */
  async function finish(at: Date) {
    await getService(strapi, 'campaignStatus').finish(at);
  }

  return {
    instanceId,

    /** One pass over every provider. Tests call it directly; the scheduler calls run(). */
    async tick(): Promise<TickResult> {
      const result: TickResult = { claimed: 0, sent: 0, more: false };
      const now = clock().now();
      await getService(strapi, 'providers').refresh();
      // Before promote, so a campaign a publish rule schedules now starts in this very tick.
      await getService(strapi, 'publishTick').run(now);
      const testing = await promote(now);
      // A/B tests whose wait is over send their winner to the rest (docs/architecture.md, "Engagement").
      await getService(strapi, 'abTest').decideDue(now, testing);
      // Series steps that came due become outbox rows of their step's campaign (docs/architecture.md, "Series").
      result.more = await getService(strapi, 'seriesSteps').queueDue(now);
      await recover(now);
      const deadline = Date.now() + TICK_BUDGET_MS;
      await Promise.all(
        getService(strapi, 'providers')
          .all()
          .map((provider) => claim(provider, deadline, result)),
      );
      await finish(clock().now());
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
