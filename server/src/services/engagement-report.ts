/**
 * The engagement report of a campaign and the rates of the campaigns list (docs/architecture.md,
 * "Engagement", Report). Every figure is a grouped query over `delivery-event` rows that starts from
 * the (campaign_id, kind) index: a campaign may hold millions of events, and each query sends back
 * one row per measure, per link or per hour.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import { TABLES, UID } from '../constants';
import { dialect, knex } from '../database/connection';
import { hourBucket, hourStart } from '../database/hour-bucket';
import type { DeliveryCounts, EngagementBucket, EngagementRates, EngagementReport, LinkRow } from '../contracts';
import { getService, pluginConfig } from '../utils/plugin';
import { emptyCounts } from './reports';
import { campaignTracking } from './tracking/settings';
import { EMPTY_TALLY, engagementRates, share, toCount, type EventTally } from './engagement-rates';
import { effectiveMode } from './tracking/decision';

type Measure = 'open' | 'click';
const MEASURES: Measure[] = ['open', 'click'];

/** A grouped row of `tallyColumns`, as the driver reads it back (counts may be strings or bigints). */
interface TallyRow {
  total: unknown;
  machine: unknown;
  deliveries: unknown;
  erased: unknown;
}

// `machine` is a boolean in PostgreSQL and 0/1 in SQLite and MySQL: `CASE WHEN machine` reads both,
// and a NULL (a row written without it) counts as a person's, as the column's default says.
const TALLY_COLUMNS = [
  'SUM(CASE WHEN machine THEN 0 ELSE 1 END) AS total',
  'SUM(CASE WHEN machine THEN 1 ELSE 0 END) AS machine',
  'COUNT(DISTINCT CASE WHEN machine THEN NULL ELSE delivery_id END) AS deliveries',
  'COUNT(DISTINCT CASE WHEN machine THEN NULL ELSE erased_key END) AS erased',
];

function toTally(row: TallyRow | undefined): EventTally {
  if (!row) return EMPTY_TALLY;
  return {
    total: Number(row.total ?? 0),
    machine: Number(row.machine ?? 0),
    deliveries: Number(row.deliveries ?? 0),
    erased: Number(row.erased ?? 0),
  };
}

/** Rows of `(earliest, kind, count)` per hour and kind → one bucket per UTC hour, oldest first. */
export function toEngagementTimeline(rows: Array<{ earliest: unknown; kind: string; n: unknown }>): EngagementBucket[] {
  const byHour = new Map<number, EngagementBucket>();
  for (const row of rows) {
    const hour = hourStart(row.earliest);
    let bucket = byHour.get(hour);
    if (!bucket) byHour.set(hour, (bucket = { hour: new Date(hour).toISOString(), opens: 0, clicks: 0 }));
    if (row.kind === 'open') bucket.opens += Number(row.n);
    else bucket.clicks += Number(row.n);
  }
  return [...byHour.entries()].sort(([a], [b]) => a - b).map(([, bucket]) => bucket);
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => knex(strapi);
  const tallySelect = (query: Knex.QueryBuilder) => query.select(TALLY_COLUMNS.map((column) => db().raw(column)));
  const events = (campaignIds: number[]) =>
    db()(TABLES.deliveryEvents).whereIn('campaign_id', campaignIds).whereIn('kind', MEASURES);
  const siteTracking = () => pluginConfig(strapi).tracking;

  /** Opens and clicks per campaign, in one grouped query. */
  async function tallies(campaignIds: number[]): Promise<Map<string, EventTally>> {
    const rows: Array<TallyRow & { campaign_id: unknown; kind: Measure }> = await tallySelect(
      events(campaignIds).groupBy('campaign_id', 'kind').select('campaign_id', 'kind'),
    );
    return new Map(rows.map((row) => [`${Number(row.campaign_id)}:${row.kind}`, toTally(row)]));
  }

  async function sentCount(campaignId: number): Promise<number> {
    const row = await db()(TABLES.deliveries)
      .where({ campaign_id: campaignId, kind: 'campaign', status: 'sent' })
      .count({ n: '*' })
      .first();
    return Number(row?.n ?? 0);
  }

  /** Each tracked link of the campaign with its clicks; most clicked first, then in template order. */
  async function links(campaignId: number, mode: EngagementReport['tracking']['effectiveMode']): Promise<LinkRow[]> {
    const [stored, rows]: [
      Array<{ id: number; url: string; position: number | null }>,
      Array<TallyRow & { link_id: unknown }>,
    ] = await Promise.all([
      db()(TABLES.campaignLinks).where('campaign_id', campaignId).select('id', 'url', 'position'),
      tallySelect(
        db()(TABLES.deliveryEvents)
          .where({ campaign_id: campaignId, kind: 'click' })
          .whereNotNull('link_id')
          .groupBy('link_id')
          .select('link_id'),
      ),
    ]);
    const byLink = new Map(rows.map((row) => [Number(row.link_id), toTally(row)]));
    return stored
      .map((link) => ({
        id: Number(link.id),
        url: link.url,
        position: link.position ?? Number.MAX_SAFE_INTEGER,
        clicks: toCount(byLink.get(Number(link.id)) ?? EMPTY_TALLY, mode),
      }))
      .sort((a, b) => b.clicks.total - a.clicks.total || a.position - b.position || a.id - b.id)
      .map(({ position: _order, ...link }) => link);
  }

  /** People's opens and clicks per UTC hour. */
  async function timeline(campaignId: number): Promise<EngagementBucket[]> {
    const rows = await events([campaignId])
      .where((human) => human.where('machine', false).orWhereNull('machine'))
      .groupByRaw(`${hourBucket(dialect(strapi), 'occurred_at')}, kind`)
      .select('kind', db().raw('MIN(occurred_at) AS earliest'), db().raw('COUNT(*) AS n'));
    return toEngagementTimeline(rows);
  }

  return {
    async report(campaignId: number): Promise<EngagementReport> {
      const campaign: { id: number; tracking: unknown } | null = await strapi.db
        .query(UID.campaign)
        .findOne({ where: { id: campaignId }, select: ['id', 'tracking'] });
      if (!campaign) throw new errors.NotFoundError(`Campaign ${campaignId} not found`);
      const tracking = campaignTracking(campaign.tracking);
      const config = siteTracking();
      const mode = effectiveMode(tracking, config);
      const [byMeasure, sent, linkRows, hourly] = await Promise.all([
        tallies([campaignId]),
        sentCount(campaignId),
        links(campaignId, mode),
        timeline(campaignId),
      ]);
      const opens = toCount(byMeasure.get(`${campaignId}:open`) ?? EMPTY_TALLY, mode);
      const clicks = toCount(byMeasure.get(`${campaignId}:click`) ?? EMPTY_TALLY, mode);
      return {
        tracking: { ...tracking, effectiveMode: mode },
        sent,
        opens,
        clicks,
        ...engagementRates(tracking, mode, sent, opens, clicks),
        clickToOpenRate: clicks.unique === null ? null : share(clicks.unique, opens.unique),
        links: linkRows,
        timeline: hourly,
        ab: await getService(strapi, 'abTest').abResult(campaignId),
        bufferSeconds: config.flushIntervalMs / 1000,
      };
    },

    /**
     * The figures the campaigns list shows of a page of campaigns: delivery counts and open and
     * click rates, in two grouped queries for the whole page.
     */
    async withListFigures<Item extends { id: number; tracking?: unknown }>(
      campaigns: Item[],
    ): Promise<Array<Item & { counts: DeliveryCounts; engagement: EngagementRates }>> {
      const ids = campaigns.map((campaign) => campaign.id);
      const [counts, byMeasure] = await Promise.all([
        getService(strapi, 'reports').countsByCampaign(ids),
        ids.length ? tallies(ids) : new Map<string, EventTally>(),
      ]);
      const config = siteTracking();
      return campaigns.map((campaign) => {
        const tracking = campaignTracking(campaign.tracking);
        const mode = effectiveMode(tracking, config);
        const count = (measure: Measure) => toCount(byMeasure.get(`${campaign.id}:${measure}`) ?? EMPTY_TALLY, mode);
        const delivered = counts.get(campaign.id) ?? emptyCounts();
        return {
          ...campaign,
          counts: delivered,
          engagement: engagementRates(tracking, mode, delivered.sent, count('open'), count('click')),
        };
      });
    },
  };
};
