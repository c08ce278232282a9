/**
 * Series as the admin API shows them (contracts/series.ts): the list, each step with its
 * campaign's subject and delivery counts, and how many people are enrolled and still active.
 */
import type { Core } from '@strapi/strapi';
import { TABLES } from '../../constants';
import type { DeliveryCounts, Series, SeriesStep, SeriesTrigger } from '../../contracts';
import { knex, toDate } from '../../database/connection';
import { getService } from '../../utils/plugin';
import { readSteps } from './steps';

export interface SeriesRecord {
  id: number;
  document_id: string;
  name: string;
  list_id: number;
  trigger: SeriesTrigger;
  provider: string | null;
  paused: boolean | number;
  steps: unknown;
  created_at: unknown;
  updated_at: unknown;
}

/** The step report's figures: rows waiting (queued, retrying, in flight) and those that may have failed. */
function stepCounts(counts: DeliveryCounts | undefined): SeriesStep['counts'] {
  const n = (status: keyof DeliveryCounts) => counts?.[status] ?? 0;
  return {
    sent: n('sent'),
    queued: n('queued') + n('retry') + n('sending'),
    failed: n('failed') + n('unknown'),
    bounced: n('bounced'),
    skipped: n('skipped'),
    total: n('total'),
  };
}

const iso = (value: unknown): string => toDate(value)?.toISOString() ?? '';

export async function seriesViews(strapi: Core.Strapi, rows: SeriesRecord[]): Promise<Series[]> {
  if (rows.length === 0) return [];
  const db = knex(strapi);
  const stepsOf = new Map(rows.map((row) => [row.id, readSteps(row.steps)]));
  const campaignIds = [...stepsOf.values()].flat().map((step) => step.campaignId);
  const [campaigns, counts, lists, enrollments] = await Promise.all([
    campaignIds.length ? db(TABLES.campaigns).whereIn('id', campaignIds).select('id', 'subject') : [],
    getService(strapi, 'reports').countsByCampaign(campaignIds),
    db(TABLES.lists)
      .whereIn(
        'id',
        rows.map((row) => row.list_id),
      )
      .select('id', 'name', 'slug'),
    db(TABLES.seriesEnrollments)
      .whereIn(
        'series_id',
        rows.map((row) => row.id),
      )
      .groupBy('series_id', 'state')
      .select('series_id', 'state')
      .count({ n: '*' }) as Promise<Array<{ series_id: unknown; state: string; n: unknown }>>,
  ]);
  const subjects = new Map(campaigns.map((c: { id: unknown; subject: string | null }) => [Number(c.id), c.subject]));
  const listById = new Map(lists.map((l: { id: unknown; name: string; slug: string }) => [Number(l.id), l]));
  return rows.map((row) => {
    const states = enrollments.filter((e) => Number(e.series_id) === Number(row.id));
    const list = listById.get(Number(row.list_id));
    return {
      id: Number(row.id),
      documentId: row.document_id,
      name: row.name,
      list: list ? { id: Number(list.id), name: list.name, slug: list.slug } : null,
      trigger: row.trigger,
      provider: row.provider,
      paused: Boolean(row.paused),
      enrolled: states.reduce((sum, e) => sum + Number(e.n), 0),
      active: Number(states.find((e) => e.state === 'active')?.n ?? 0),
      steps: (stepsOf.get(row.id) ?? []).map((step, index) => ({
        id: step.campaignId,
        position: index + 1,
        delayMinutes: step.delayMinutes,
        subject: subjects.get(step.campaignId) ?? '',
        campaignId: step.campaignId,
        counts: stepCounts(counts.get(step.campaignId)),
      })),
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    };
  });
}
