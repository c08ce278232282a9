/**
 * Campaign reports, read from the outbox. Counts are aggregates over delivery rows, never
 * counters kept by hand (docs/architecture.md, "Data model"); each figure is one set-based query that starts
 * from the (campaign_id, status) index.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { TABLES, UID } from '../constants';
import { dialect, knex } from '../database/connection';
import { hourBucket, hourStart } from '../database/hour-bucket';
import type { Page } from '../database/page';
import { getService } from '../utils/plugin';
import { DELIVERY_STATUSES, MAX_PAGE_SIZE, type DeliveriesQuery } from '../validation/campaigns';
import type {
  CampaignStatus,
  Delivery,
  DeliveryCounts,
  DeliveryStatus,
  ErrorGroup,
  HourBucket,
  Report,
} from '../contracts';

const PENDING: DeliveryStatus[] = ['queued', 'retry'];
// Rows that need attention: waiting for a retry, or ended without reaching the inbox.
const PROBLEM_STATUSES: DeliveryStatus[] = ['retry', 'failed', 'bounced', 'unknown'];
const EXAMPLES_PER_CODE = 3;

export function emptyCounts(): DeliveryCounts {
  const counts = { total: 0 } as DeliveryCounts;
  for (const status of DELIVERY_STATUSES) counts[status] = 0;
  return counts;
}

/** Rows of `(first send, count)` per bucket → one entry per UTC hour, oldest first. */
export function toHourly(rows: Array<{ first_sent: unknown; sent: unknown }>): HourBucket[] {
  const byHour = new Map<number, number>();
  for (const row of rows) {
    const hour = hourStart(row.first_sent);
    byHour.set(hour, (byHour.get(hour) ?? 0) + Number(row.sent));
  }
  return [...byHour.entries()]
    .sort(([a], [b]) => a - b)
    .map(([hour, sent]) => ({ hour: new Date(hour).toISOString(), sent }));
}

/** Example rows ranked per code → one group per code, most frequent first. */
export function toErrorGroups(
  rows: Array<{ last_code: string | null; email: string; status: string; last_error: string | null; n: unknown }>,
): ErrorGroup[] {
  const groups = new Map<string | null, ErrorGroup>();
  for (const row of rows) {
    const code = row.last_code ?? null;
    let group = groups.get(code);
    if (!group) groups.set(code, (group = { code, count: Number(row.n), examples: [] }));
    // The status column holds delivery statuses only.
    group.examples.push({ email: row.email, status: row.status as DeliveryStatus, error: row.last_error });
  }
  return [...groups.values()].sort(
    (a, b) => b.count - a.count || (a.code ?? '\uffff').localeCompare(b.code ?? '\uffff'),
  );
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => knex(strapi);
  const campaignRows = (campaignId: number) =>
    db()(TABLES.deliveries).where({ campaign_id: campaignId, kind: 'campaign' });

  return {
    /** Counts by status for several campaigns at once (the campaign list), in one grouped query. */
    async countsByCampaign(campaignIds: number[]): Promise<Map<number, DeliveryCounts>> {
      const counts = new Map(campaignIds.map((id) => [id, emptyCounts()]));
      if (campaignIds.length === 0) return counts;
      const rows: Array<{ campaign_id: number; status: DeliveryStatus; n: unknown }> = await db()(TABLES.deliveries)
        .whereIn('campaign_id', campaignIds)
        .where('kind', 'campaign')
        .groupBy('campaign_id', 'status')
        .select('campaign_id', 'status')
        .count({ n: '*' });
      for (const row of rows) {
        const entry = counts.get(Number(row.campaign_id)) as DeliveryCounts;
        entry[row.status] = Number(row.n);
        entry.total += Number(row.n);
      }
      return counts;
    },

    async counts(campaignId: number): Promise<DeliveryCounts> {
      return (await this.countsByCampaign([campaignId])).get(campaignId) as DeliveryCounts;
    },

    /** Counts by status per language version (the locale the row was materialized with). */
    async languages(campaignId: number): Promise<Report['languages']> {
      const rows: Array<{ locale: string | null; status: DeliveryStatus; n: unknown }> = await campaignRows(campaignId)
        .groupBy('locale', 'status')
        .select('locale', 'status')
        .count({ n: '*' });
      const byLocale = new Map<string | null, DeliveryCounts>();
      for (const row of rows) {
        const locale = row.locale ?? null;
        if (!byLocale.has(locale)) byLocale.set(locale, emptyCounts());
        const counts = byLocale.get(locale) as DeliveryCounts;
        counts[row.status] = Number(row.n);
        counts.total += Number(row.n);
      }
      return [...byLocale.entries()]
        .map(([locale, counts]) => ({ locale, counts }))
        .sort((a, b) => b.counts.total - a.counts.total || String(a.locale).localeCompare(String(b.locale)));
    },

    /** Problem rows grouped by their last SMTP code, with a few examples of each. */
    async errors(campaignId: number): Promise<ErrorGroup[]> {
      const ranked = campaignRows(campaignId)
        .whereIn('status', PROBLEM_STATUSES)
        .select(
          'last_code',
          'email',
          'status',
          'last_error',
          db().raw('COUNT(*) OVER (PARTITION BY last_code) AS n'),
          db().raw('ROW_NUMBER() OVER (PARTITION BY last_code ORDER BY id) AS rn'),
        );
      const rows = await db().from(ranked.as('ranked')).where('rn', '<=', EXAMPLES_PER_CODE).orderBy('rn');
      return toErrorGroups(rows);
    },

    /** Messages accepted by the server, per hour. */
    async timeline(campaignId: number): Promise<HourBucket[]> {
      const rows = await campaignRows(campaignId)
        .where('status', 'sent')
        .groupByRaw(hourBucket(dialect(strapi), 'sent_at'))
        .select(db().raw('MIN(sent_at) AS first_sent'), db().raw('COUNT(*) AS sent'));
      return toHourly(rows);
    },

    /** One page of the campaign's recipients with the state of their message. */
    async deliveries(campaignId: number, { page, pageSize, status, search }: DeliveriesQuery): Promise<Page<Delivery>> {
      return strapi.db.query(UID.delivery).findPage({
        where: {
          campaignId,
          kind: 'campaign',
          ...(status ? { status } : {}),
          ...(search ? { email: { $containsi: search } } : {}),
        },
        page,
        pageSize: Math.min(pageSize, MAX_PAGE_SIZE),
        orderBy: [{ id: 'asc' }],
        select: [
          'id',
          'subscriberId',
          'email',
          'status',
          'attempts',
          'sentAt',
          'nextAttemptAt',
          'messageId',
          'lastCode',
          'lastError',
          'updatedAt',
        ],
      });
    },

    /**
     * Everything the report page shows. The ETA is when the provider's limits let the pending
     * rows go; null when no limit binds or the campaign is not sending.
     */
    async report(campaignId: number): Promise<Report> {
      const campaign: { id: number; status: CampaignStatus; provider: string | null } | null = await strapi.db
        .query(UID.campaign)
        .findOne({ where: { id: campaignId }, select: ['id', 'status', 'provider'] });
      if (!campaign) throw new errors.NotFoundError(`Campaign ${campaignId} not found`);
      const counts = await this.counts(campaignId);
      const [errorGroups, timeline, feedback, languages] = await Promise.all([
        this.errors(campaignId),
        this.timeline(campaignId),
        getService(strapi, 'reputation').campaignRates(campaignId),
        this.languages(campaignId),
      ]);
      const pending = PENDING.reduce((sum, status) => sum + counts[status], 0);
      const now: Date = getService(strapi, 'clock').now();
      const provider = campaign.provider || getService(strapi, 'providers').defaultName();
      const eta: Date | null =
        campaign.status === 'sending' && pending > 0
          ? await getService(strapi, 'quota').estimateFinish(provider, pending, now)
          : null;
      return {
        campaignId,
        status: campaign.status,
        counts,
        progress: { done: counts.total - pending - counts.sending, total: counts.total },
        eta: eta ? eta.toISOString() : null,
        errors: errorGroups,
        timeline,
        feedback,
        languages,
      };
    },
  };
};
