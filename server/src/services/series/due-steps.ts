/**
 * The tick's series step (service `seriesSteps`): enrollments whose next step is due become
 * ordinary outbox rows of the step's campaign, so the provider's limits, leases and the
 * at-most-once chain apply unchanged. Per (series, step) group, in one transaction: insert the
 * rows set-based for people still subscribed and on the list (the unique (campaign, subscriber)
 * index ignores a row that exists: each step at most once per person), stop the others, then
 * advance the rest. A tick that dies anywhere re-runs the group and inserts nothing twice.
 * See docs/architecture.md, "Series".
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import { dialect, knex, type Dialect } from '../../database/connection';
import { readJson } from '../../database/json';
import { getService } from '../../utils/plugin';
import { readVersions, versionLocaleSql } from '../composing/versions';
import { enrolledPlusMinutesSql } from './due-at';
import { readSteps, type StoredStep } from './steps';

const E = TABLES.seriesEnrollments;
// Enrollments per batch, and batches per tick: a backlog is spread over several runs.
const BATCH = 500;
const MAX_BATCHES = 20;

interface DueRow {
  id: unknown;
  series_id: unknown;
  next_step: unknown;
}

interface SeriesRow {
  id: number;
  listId: number;
  provider: string;
  steps: StoredStep[];
}

/** Still subscribed and still on the series' list: the condition for every step. */
const STILL_MEMBER = `exists (select 1 from ${TABLES.subscribers} s
  join ${TABLES.subscriberLists} l on l.subscriber_id = s.id
  where s.id = ${E}.subscriber_id and s.status = 'subscribed' and l.list_id = ?)`;

function insertIgnoring(db: Dialect, columns: string, select: string): string {
  const into = `insert into ${TABLES.deliveries} (${columns}) ${select}`;
  return db === 'mysql'
    ? `${into} on duplicate key update ${TABLES.deliveries}.id = ${TABLES.deliveries}.id`
    : `${into} on conflict (campaign_id, subscriber_id) do nothing`;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => knex(strapi);

  /** One cheap indexed query: active enrollments due by `now`, of series not paused. */
  async function dueBatch(now: Date): Promise<DueRow[]> {
    return db()(`${E} as e`)
      .join(`${TABLES.series} as r`, 'r.id', 'e.series_id')
      .where('e.state', 'active')
      .where('e.next_due_at', '<=', now)
      .where('r.paused', false)
      .orderBy('e.next_due_at')
      .limit(BATCH)
      .select('e.id', 'e.series_id', 'e.next_step');
  }

  async function loadSeries(ids: number[]): Promise<Map<number, SeriesRow>> {
    const rows = await db()(TABLES.series).whereIn('id', ids).select('id', 'list_id', 'provider', 'steps');
    const fallback = getService(strapi, 'providers').defaultName();
    return new Map(
      rows.map((row: { id: unknown; list_id: unknown; provider: string | null; steps: unknown }) => [
        Number(row.id),
        {
          id: Number(row.id),
          listId: Number(row.list_id),
          provider: row.provider || fallback,
          steps: readSteps(row.steps),
        },
      ]),
    );
  }

  /** The step's rows into the outbox, each person's language version chosen as materializing does. */
  async function queueStep(trx: Knex.Transaction, series: SeriesRow, step: StoredStep, ids: number[], k: number) {
    const campaign = await trx(TABLES.campaigns).where('id', step.campaignId).first('versions', 'default_locale');
    if (!campaign) return;
    const locale = versionLocaleSql(
      's.locale',
      readVersions(readJson(campaign.versions)),
      campaign.default_locale ?? null,
    );
    const at = getService(strapi, 'clock').now();
    await trx.raw(
      insertIgnoring(
        dialect(strapi),
        'kind, campaign_id, subscriber_id, email, provider, status, attempts, created_at, updated_at, locale',
        `select 'campaign', ?, s.id, s.email, ?, 'queued', 0, ?, ?, ${locale.sql}
         from ${E} e join ${TABLES.subscribers} s on s.id = e.subscriber_id
         where e.id in (${ids.map(() => '?').join(', ')}) and e.state = 'active' and e.next_step = ?
           and s.status = 'subscribed'
           and exists (select 1 from ${TABLES.subscriberLists} l where l.subscriber_id = s.id and l.list_id = ?)
         order by s.id`,
      ),
      [step.campaignId, series.provider, at, at, ...locale.bindings, ...ids, k, series.listId],
    );
  }

  /** One (series, step) group: queue, stop those who left, advance the rest, in one transaction. */
  async function sendGroup(series: SeriesRow, k: number, ids: number[]) {
    const step = series.steps[k];
    const next = series.steps[k + 1];
    await db().transaction(async (trx) => {
      const group = () => trx(E).whereIn('id', ids).where({ state: 'active', next_step: k });
      if (step) {
        await queueStep(trx, series, step, ids, k);
        await group().whereRaw(`not ${STILL_MEMBER}`, [series.listId]).update({ state: 'stopped', next_due_at: null });
      }
      if (step && next) {
        await group().update({
          next_step: k + 1,
          next_due_at: trx.raw(enrolledPlusMinutesSql(dialect(strapi)), [next.delayMinutes]),
        });
      } else {
        await group().update({ state: 'done', next_due_at: null });
      }
    });
  }

  return {
    /** Queues every due step, a bounded batch at a time. True when a backlog is left for the next run. */
    async queueDue(now: Date): Promise<boolean> {
      for (let batch = 0; batch < MAX_BATCHES; batch++) {
        const due = await dueBatch(now);
        if (due.length === 0) return false;
        const groups = new Map<string, { seriesId: number; k: number; ids: number[] }>();
        for (const row of due) {
          const key = `${Number(row.series_id)}:${Number(row.next_step)}`;
          const group = groups.get(key) ?? { seriesId: Number(row.series_id), k: Number(row.next_step), ids: [] };
          group.ids.push(Number(row.id));
          groups.set(key, group);
        }
        const series = await loadSeries([...new Set([...groups.values()].map((g) => g.seriesId))]);
        for (const { seriesId, k, ids } of groups.values()) {
          const found = series.get(seriesId);
          if (found) await sendGroup(found, k, ids);
        }
        if (due.length < BATCH) return false;
      }
      return true;
    },
  };
};
