/**
 * Welcome and drip series (service `series`): CRUD, pause and resume. Each step is a campaign
 * that stays `sending` while the series lives; the tick's series step (due-steps.ts) adds its
 * rows as enrollments come due. See docs/architecture.md, "Series".
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { TABLES, UID } from '../../constants';
import type { Series, SeriesInput } from '../../contracts';
import { dialect, knex } from '../../database/connection';
import { newsletter } from '../../templates/newsletter';
import { getService } from '../../utils/plugin';
import { CANCEL_REASON, CampaignStateError } from '../campaign-status';
import { failedChecks } from '../composing/pre-send-checks';
import { retimeEnrollments } from './retime';
import { readSteps, type StoredStep } from './steps';
import { seriesViews, type SeriesRecord } from './view';

/** Why a series' step campaigns are paused; resuming the series resumes only these. */
export const SERIES_PAUSED = 'The series is paused';

const FIELDS = [
  'id',
  'document_id',
  'name',
  'list_id',
  'trigger',
  'provider',
  'paused',
  'steps',
  'created_at',
  'updated_at',
];

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => knex(strapi);
  const now = (): Date => getService(strapi, 'clock').now();
  const campaigns = () => getService(strapi, 'campaigns');
  const status = () => getService(strapi, 'campaignStatus');

  async function record(id: number): Promise<SeriesRecord> {
    const row = await db()(TABLES.series).where('id', id).first(FIELDS);
    if (!row) throw new errors.NotFoundError(`Series ${id} not found`);
    return row;
  }

  async function view(id: number): Promise<Series> {
    const [found] = await seriesViews(strapi, [await record(id)]);
    return found;
  }

  /** Everything that would make the save fail, checked before anything is written (400, every problem named). */
  async function check(input: SeriesInput, current: StoredStep[]) {
    await getService(strapi, 'lists').assertExist([input.listId]);
    if (input.provider && !getService(strapi, 'providers').get(input.provider))
      throw new errors.ValidationError(`The provider "${input.provider}" is not configured.`);
    const known = new Set(current.map((step) => step.campaignId));
    const foreign = input.steps.filter((step) => step.id !== undefined && !known.has(step.id));
    if (foreign.length)
      throw new errors.ValidationError(
        `Step id(s) ${foreign.map((s) => s.id).join(', ')} are not steps of this series.`,
      );
    const problems: string[] = [];
    for (const [index, step] of input.steps.entries()) {
      const content = { subject: step.subject, mjml: step.mjml ?? (step.id ? undefined : newsletter.mjml) };
      const sample = await campaigns().preview(content, step.id);
      const failed = failedChecks(sample.checks ?? []);
      const [first] = sample.errors;
      if (first)
        problems.push(`step ${index + 1}: fix ${sample.errors.length} template error(s), first: ${first.message}`);
      else problems.push(...failed.map((c) => `step ${index + 1}: ${c.message.replace(/\.$/, '')}`));
    }
    if (problems.length)
      throw new errors.ValidationError(`The series cannot be saved: ${problems.join('; ')}.`, { problems });
  }

  /** The steps as stored: existing ones get their new content, new ones a campaign that starts sending. */
  async function writeSteps(seriesId: number, input: SeriesInput, paused: boolean): Promise<StoredStep[]> {
    const provider = input.provider || getService(strapi, 'providers').defaultName();
    const steps: StoredStep[] = [];
    for (const [index, step] of input.steps.entries()) {
      const name = `${input.name} · step ${index + 1}`.slice(0, 200);
      let campaignId = step.id;
      if (campaignId) {
        await campaigns().editSeriesStep(campaignId, { name, subject: step.subject, mjml: step.mjml, provider });
        // The list may have changed: the step's campaign names the series' list, as it is shown.
        await strapi.db.query(UID.campaign).update({ where: { id: campaignId }, data: { lists: [input.listId] } });
      } else {
        const { campaign } = await campaigns().create({
          name,
          subject: step.subject,
          mjml: step.mjml ?? newsletter.mjml,
          lists: [input.listId],
          provider,
        });
        campaignId = Number(campaign.id);
        await status().startSeriesStep(campaignId, provider, now());
      }
      await db()(TABLES.campaigns)
        .where('id', campaignId)
        .update({ series_id: seriesId, series_step: index + 1 });
      steps.push({ campaignId, delayMinutes: step.delayMinutes });
    }
    if (paused) await status().holdSeriesSteps(seriesId, true, SERIES_PAUSED);
    return steps;
  }

  /** A removed step's campaign ends: cancelled, its queued rows skipped, the rows in flight finish. */
  async function endStep(campaignId: number) {
    try {
      await status().cancel(campaignId);
    } catch (error) {
      if (!(error instanceof CampaignStateError)) throw error;
    }
    await getService(strapi, 'outbox').skipPending(campaignId, CANCEL_REASON);
  }

  return {
    async list(): Promise<Series[]> {
      return seriesViews(strapi, await db()(TABLES.series).orderBy('id', 'desc').select(FIELDS));
    },

    findOne: view,

    async create(input: SeriesInput): Promise<Series> {
      await check(input, []);
      const created = await strapi.db.query(UID.series).create({
        data: { name: input.name, listId: input.listId, trigger: input.trigger, provider: input.provider ?? null },
        select: ['id'],
      });
      const id = Number(created.id);
      const steps = await writeSteps(id, input, false);
      await strapi.db.query(UID.series).update({ where: { id }, data: { steps, updatedAt: now() } });
      return view(id);
    },

    /**
     * Saves the whole series. Steps sent already stay sent; every active enrollment moves to the
     * first step it has not had, re-timed from its enrollment (retime.ts); removed steps end.
     */
    async update(id: number, input: SeriesInput): Promise<Series> {
      const current = await record(id);
      const before = readSteps(current.steps);
      await check(input, before);
      const after = await writeSteps(id, input, Boolean(current.paused));
      await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        await trx(TABLES.series)
          .where('id', id)
          .update({
            name: input.name,
            list_id: input.listId,
            trigger: input.trigger,
            provider: input.provider ?? null,
            steps: JSON.stringify(after),
            updated_at: now(),
          });
        await retimeEnrollments(trx, dialect(strapi), id, before, after);
      });
      for (const gone of before.filter((step) => !after.some((s) => s.campaignId === step.campaignId)))
        await endStep(gone.campaignId);
      return view(id);
    },

    /** Ends every step and forgets the enrollments; the step campaigns and their reports stay. */
    async delete(id: number): Promise<Series> {
      const found = await view(id);
      for (const step of readSteps((await record(id)).steps)) await endStep(step.campaignId);
      await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        await trx(TABLES.seriesEnrollments).where('series_id', id).delete();
        await trx(TABLES.series).where('id', id).delete();
      });
      return found;
    },

    /** Holds every step: no enrollment comes due, and the step campaigns pause so claimed rows stop too. */
    async pause(id: number): Promise<Series> {
      await record(id);
      await db()(TABLES.series).where('id', id).update({ paused: true, updated_at: now() });
      await status().holdSeriesSteps(id, true, SERIES_PAUSED);
      return view(id);
    },

    /** Steps due meanwhile go out on the next tick, each still at most once per person. */
    async resume(id: number): Promise<Series> {
      await record(id);
      await db()(TABLES.series).where('id', id).update({ paused: false, updated_at: now() });
      await status().holdSeriesSteps(id, false, SERIES_PAUSED);
      getService(strapi, 'sender').kick();
      return view(id);
    },
  };
};
