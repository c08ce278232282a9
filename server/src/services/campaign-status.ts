/**
 * The one owner of a campaign's status: which moves are allowed, and every write that makes
 * one, whether an admin action or the tick makes it. See docs/architecture.md, "Campaign status".
 *
 * Admin actions, the tick and other instances race each other, so every move is a
 * compare-and-set: one UPDATE guarded by the statuses it may start from. An admin action that
 * loses is refused (409, with a message); a move of the tick that loses changes nothing.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { TABLES, UID } from '../constants';
import { affectedRows, knex } from '../database/connection';
import { getService } from '../utils/plugin';
import type { CampaignStatus } from '../validation/campaigns';

/** Why the rows of a cancelled campaign ended `skipped`. */
export const CANCEL_REASON = 'Campaign cancelled';

export type CampaignAction = 'edit' | 'delete' | 'schedule' | 'pause' | 'resume' | 'cancel' | 'resend';

/** Every status change a campaign can make: from each status, the statuses it may move to. */
export const TRANSITIONS: Record<CampaignStatus, readonly CampaignStatus[]> = {
  // schedule, cancel; a series step starts sending at once (its audience grows as people come due)
  draft: ['scheduled', 'sending', 'cancelled'],
  // schedule again (a new time), start (the tick), pause, cancel
  scheduled: ['scheduled', 'sending', 'testing', 'paused', 'cancelled'],
  // pause, finish (the tick), cancel
  sending: ['paused', 'sent', 'cancelled'],
  // an A/B test: the winner is picked (the tick), pause, cancel
  testing: ['sending', 'paused', 'cancelled'],
  // resume: to `sending` (or back to `testing`) once the audience is in the outbox, else to `scheduled`; cancel
  paused: ['scheduled', 'sending', 'testing', 'cancelled'],
  // a re-send of failed or unknown rows
  sent: ['sending'],
  cancelled: [],
};

/** The statuses each admin action may start from. */
export const ALLOWED_FROM: Record<CampaignAction, readonly CampaignStatus[]> = {
  edit: ['draft', 'scheduled'],
  // A campaign with rows in the outbox must be cancelled first, so nothing is left mid-send.
  delete: ['draft', 'sent', 'cancelled'],
  schedule: ['draft', 'scheduled'],
  pause: ['scheduled', 'testing', 'sending'],
  resume: ['paused'],
  cancel: ['draft', 'scheduled', 'testing', 'sending', 'paused'],
  resend: ['sending', 'paused', 'sent'],
};

const REFUSALS: Record<CampaignAction, string> = {
  edit: 'its content can no longer be edited once sending has started. Duplicate it to send a changed copy',
  delete: 'cancel it before deleting it',
  schedule: 'only a draft or a scheduled campaign can be scheduled',
  pause: 'only a scheduled, testing or sending campaign can be paused',
  resume: 'only a paused campaign can be resumed',
  cancel: 'it can no longer be cancelled',
  resend: 'only a campaign that has started sending has rows to re-send',
};

export function refusalMessage(action: CampaignAction, status: string): string {
  return `The campaign is ${status}: ${REFUSALS[action]}.`;
}

/** The action does not fit the campaign's current status; the admin API answers 409. */
export class CampaignStateError extends errors.ApplicationError<
  'CampaignStateError',
  string,
  { action: CampaignAction; status: string }
> {
  constructor(action: CampaignAction, status: string) {
    super(refusalMessage(action, status), { action, status });
    this.name = 'CampaignStateError';
  }
}

export function assertAllowed(action: CampaignAction, status: CampaignStatus) {
  if (!ALLOWED_FROM[action].includes(status)) throw new CampaignStateError(action, status);
}

/** A guard against a move missing from TRANSITIONS: a bug in this file, not a refusal. */
function assertTransitions(from: readonly CampaignStatus[], to: CampaignStatus) {
  const missing = from.filter((status) => !TRANSITIONS[status].includes(to));
  if (missing.length) throw new Error(`No campaign transition from ${missing.join(', ')} to ${to}`);
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const now = (): Date => getService(strapi, 'clock').now();
  const campaigns = () => strapi.db.query(UID.campaign);
  const events = () => getService(strapi, 'events');

  /**
   * Writes `data` to the campaign only while its status allows `action`; a move to `data.status`
   * must be in TRANSITIONS. Throws the refusal (409) or a 404 when nothing changed.
   */
  async function whileAllowed(id: number, action: CampaignAction, data: Record<string, unknown>) {
    const from = ALLOWED_FROM[action];
    if (data.status) assertTransitions(from, data.status as CampaignStatus);
    const { count } = await campaigns().updateMany({
      where: { id, status: { $in: from } },
      data: { ...data, updatedAt: now() },
    });
    if (count > 0) return;
    // Why nothing changed: the campaign is gone, or its status moved on since it was read.
    const current = await campaigns().findOne({ where: { id }, select: ['status'] });
    throw current
      ? new CampaignStateError(action, current.status)
      : new errors.NotFoundError(`Campaign ${id} not found`);
  }

  return {
    /** Content changes, only while the campaign is a draft or scheduled. */
    async edit(id: number, content: Record<string, unknown>) {
      await whileAllowed(id, 'edit', content);
    },

    /** draft or scheduled → scheduled, to be sent at `scheduledAt` (UTC). */
    async schedule(id: number, { scheduledAt, timezone, html }: { scheduledAt: Date; timezone: string; html: string }) {
      await whileAllowed(id, 'schedule', { status: 'scheduled', scheduledAt, timezone, html, pauseReason: null });
    },

    /** scheduled or sending → paused: the sender only claims rows of `sending` campaigns. */
    async pause(id: number, reason: string) {
      await whileAllowed(id, 'pause', { status: 'paused', pauseReason: reason });
      events().campaigns('paused', [id]);
    },

    /**
     * paused → sending if the audience was already materialized (`started`), else → scheduled; an
     * A/B test paused before its winner was picked (`testing`) goes back to testing.
     * The reputation breaker then judges only what is sent from now on: the admin has seen the rest.
     */
    async resume(id: number, { started, testing = false }: { started: boolean; testing?: boolean }) {
      await whileAllowed(id, 'resume', {
        status: started ? (testing ? 'testing' : 'sending') : 'scheduled',
        pauseReason: null,
        reputationSince: now(),
      });
    },

    /** Anything not yet sent or cancelled → cancelled. */
    async cancel(id: number) {
      await whileAllowed(id, 'cancel', { status: 'cancelled', finishedAt: now(), pauseReason: null });
    },

    /**
     * The tick, once the audience is in the outbox: scheduled → sending. False when the campaign
     * left `scheduled` meanwhile (paused, cancelled, or started by another instance).
     */
    async start(id: number, provider: string, at: Date): Promise<boolean> {
      assertTransitions(['scheduled'], 'sending');
      const started = await knex(strapi)(TABLES.campaigns)
        .where({ id, status: 'scheduled' })
        .update({ status: 'sending', started_at: at, provider, updated_at: at });
      // Lost the race to another instance or an admin: nothing to do, and nothing wrong.
      if (started === 0) strapi.log.debug(`[email-campaigns] campaign ${id} left "scheduled" before it could start`);
      else events().campaigns('started', [id]);
      return started > 0;
    },

    /**
     * The tick's A/B step, inside its transaction (`trx`): scheduled → testing as the sample is
     * split off, testing → sending as the winner is stored (docs/architecture.md, "Engagement").
     * False when the campaign left the status it starts from meanwhile: the caller rolls back.
     */
    async startTest(trx: Knex.Transaction, id: number, provider: string, at: Date): Promise<boolean> {
      assertTransitions(['scheduled'], 'testing');
      const started = await trx(TABLES.campaigns)
        .where({ id, status: 'scheduled' })
        .update({ status: 'testing', started_at: at, provider, updated_at: at });
      return affectedRows(started) > 0;
    },

    async endTest(trx: Knex.Transaction, id: number, data: Record<string, unknown>, at: Date): Promise<boolean> {
      assertTransitions(['testing'], 'sending');
      const ended = await trx(TABLES.campaigns)
        .where({ id, status: 'testing' })
        .update({ ...data, status: 'sending', updated_at: at });
      return affectedRows(ended) > 0;
    },

    /**
     * The reputation breaker: sending (or an A/B test's sample: testing) → paused, with its
     * reason. False when the campaign left those meanwhile (paused, cancelled or finished).
     */
    async halt(id: number, reason: string): Promise<boolean> {
      assertTransitions(['sending', 'testing'], 'paused');
      const at = now();
      const halted = await knex(strapi)(TABLES.campaigns)
        .where({ id })
        .whereIn('status', ['sending', 'testing'])
        .update({ status: 'paused', pause_reason: reason, updated_at: at });
      if (halted === 0) strapi.log.debug(`[email-campaigns] campaign ${id} left "sending" before it could be paused`);
      else events().campaigns('paused', [id]);
      return halted > 0;
    },

    /**
     * The tick: sending campaigns with no campaign row left to send → sent. Returns how many. A
     * series step's campaign is left sending: its audience grows as enrollments come due.
     */
    async finish(at: Date): Promise<number> {
      assertTransitions(['sending'], 'sent');
      const db = knex(strapi);
      const done = () =>
        db(TABLES.campaigns)
          .where('status', 'sending')
          .whereNull('series_id')
          .whereNotExists((q) =>
            q
              .select(db.raw('1'))
              .from(TABLES.deliveries)
              .whereRaw(`${TABLES.deliveries}.campaign_id = ${TABLES.campaigns}.id`)
              .where(`${TABLES.deliveries}.kind`, 'campaign')
              .whereIn(`${TABLES.deliveries}.status`, ['queued', 'retry', 'sending']),
          );
      // One compare-and-set per candidate (a tick finishes few), so each `finished` event is this
      // instance's own: another one finishing the same campaign at that moment changes nothing here.
      const finished: number[] = [];
      for (const id of (await done().pluck('id')).map(Number)) {
        const changed = affectedRows(
          await done().where(`${TABLES.campaigns}.id`, id).update({ status: 'sent', finished_at: at, updated_at: at }),
        );
        if (changed > 0) finished.push(id);
      }
      events().campaigns('finished', finished);
      return finished.length;
    },

    /** A new series step: draft → sending, with no audience yet (docs/architecture.md, "Series"). */
    async startSeriesStep(id: number, provider: string, at: Date): Promise<boolean> {
      assertTransitions(['draft'], 'sending');
      const started = await knex(strapi)(TABLES.campaigns)
        .where({ id, status: 'draft' })
        .update({ status: 'sending', started_at: at, provider, updated_at: at });
      return started > 0;
    },

    /**
     * A series paused (`hold`) or resumed: its step campaigns sending → paused with `reason`, or
     * back from paused → sending, only those that `reason` paused (the breaker's pauses stay).
     */
    async holdSeriesSteps(seriesId: number, hold: boolean, reason: string): Promise<number> {
      const [from, to] = hold ? (['sending', 'paused'] as const) : (['paused', 'sending'] as const);
      assertTransitions([from], to);
      const at = now();
      const query = knex(strapi)(TABLES.campaigns).where({ series_id: seriesId, status: from });
      if (!hold) query.where('pause_reason', reason);
      return affectedRows(
        await query.update({
          status: to,
          pause_reason: hold ? reason : null,
          ...(hold ? {} : { reputation_since: at }),
          updated_at: at,
        }),
      );
    },

    /**
     * After a re-send queued rows again: sent → sending, so the tick sends them and finishes the
     * campaign once more. A campaign still sending or paused keeps its status, as it should.
     */
    async reopen(id: number): Promise<boolean> {
      assertTransitions(['sent'], 'sending');
      const { count } = await campaigns().updateMany({
        where: { id, status: 'sent' },
        data: { status: 'sending', finishedAt: null, updatedAt: now() },
      });
      return count > 0;
    },
  };
};
