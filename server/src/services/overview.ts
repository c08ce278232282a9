import type { Core } from '@strapi/strapi';
import { TABLES, UID } from '../constants';
import type { Knex } from 'knex';
import { dialect, knex } from '../database/connection';
import { compileAudience } from './segments/compile';
import { getService } from '../utils/plugin';
import type {
  Audience,
  DeliveryCounts,
  NextScheduled,
  Overview,
  ProviderUsage,
  ProviderView,
  RecentCampaign,
} from '../contracts';

/** A provider's pause and last error as the query engine reads them. */
interface ProviderStateRecord {
  name: string;
  pausedUntil: string | null;
  pauseReason: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

const RECENT_CAMPAIGNS = 5;
const PENDING = ['queued', 'retry', 'sending'] as const;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The admin's landing page: use of each provider's limits, recent campaigns, the next send. */
  async summary(): Promise<Overview> {
    await getService(strapi, 'providers').load();
    const now: Date = getService(strapi, 'clock').now();
    const [subscribers, lists, campaigns, recent, nextScheduled, states]: [
      number,
      number,
      number,
      Array<Omit<RecentCampaign, 'counts' | 'progress'>>,
      NextScheduled | null,
      ProviderStateRecord[],
    ] = await Promise.all([
      strapi.db.query(UID.subscriber).count({ where: { status: 'subscribed' } }),
      strapi.db.query(UID.list).count(),
      strapi.db.query(UID.campaign).count(),
      strapi.db.query(UID.campaign).findMany({
        select: ['id', 'name', 'status', 'scheduledAt', 'timezone', 'startedAt', 'finishedAt', 'updatedAt'],
        orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
        limit: RECENT_CAMPAIGNS,
      }),
      strapi.db.query(UID.campaign).findOne({
        select: ['id', 'name', 'scheduledAt', 'timezone'],
        where: { status: 'scheduled' },
        orderBy: [{ scheduledAt: 'asc' }],
      }),
      strapi.db
        .query(UID.providerState)
        .findMany({ select: ['name', 'pausedUntil', 'pauseReason', 'lastError', 'lastErrorAt'] }),
    ]);
    const counts = await getService(strapi, 'reports').countsByCampaign(recent.map((campaign) => campaign.id));
    const providers = await Promise.all(
      getService(strapi, 'providers')
        .views()
        .map(async (view: ProviderView): Promise<ProviderUsage> => {
          const state = states.find((s) => s.name === view.name);
          const paused = state?.pausedUntil && new Date(state.pausedUntil) > now;
          return {
            ...view,
            usage: await getService(strapi, 'quota').usage(view.name, now),
            pausedUntil: paused ? state.pausedUntil : null,
            pauseReason: paused ? state.pauseReason : null,
            lastError: state?.lastError ?? null,
            reputation: await getService(strapi, 'reputation').rates(view.name),
          };
        }),
    );
    return {
      counts: { subscribers, lists, campaigns },
      providers,
      recentCampaigns: recent.map((campaign): RecentCampaign => {
        // countsByCampaign has an entry for every id it was given.
        const c = counts.get(campaign.id) as DeliveryCounts;
        const pending = PENDING.reduce((sum, status) => sum + c[status], 0);
        return { ...campaign, counts: c, progress: { done: c.total - pending, total: c.total } };
      }),
      nextScheduled,
    };
  },

  /**
   * Every list with its subscribed members, how many distinct people a campaign to `listIds`
   * would reach (someone on two of the lists gets one message), and when `provider`'s limits
   * would let the last of them go (null when they all fit now).
   */
  async audience(listIds: number[], provider?: string, segmentIds: number[] = []): Promise<Audience> {
    const db = knex(strapi);
    const lists: Array<{ id: number; name: string; slug: string; subscribers: unknown }> = await db(TABLES.lists)
      .leftJoin(TABLES.subscriberLists, `${TABLES.subscriberLists}.list_id`, `${TABLES.lists}.id`)
      .leftJoin(TABLES.subscribers, function joinSubscribed() {
        this.on(`${TABLES.subscribers}.id`, '=', `${TABLES.subscriberLists}.subscriber_id`).andOnVal(
          `${TABLES.subscribers}.status`,
          '=',
          'subscribed',
        );
      })
      .groupBy(`${TABLES.lists}.id`, `${TABLES.lists}.name`, `${TABLES.lists}.slug`)
      .orderBy(`${TABLES.lists}.name`)
      .select(`${TABLES.lists}.id`, `${TABLES.lists}.name`, `${TABLES.lists}.slug`)
      .countDistinct({ subscribers: `${TABLES.subscribers}.id` });
    let selected = 0;
    if (listIds.length || segmentIds.length) {
      // The same condition materializing uses, so the number shown is the number sent.
      const rules = await getService(strapi, 'segments').rulesOf(segmentIds);
      const where = compileAudience(dialect(strapi), listIds, rules, 's', getService(strapi, 'clock').now());
      const row = await db(`${TABLES.subscribers} as s`)
        .whereRaw(where.sql, where.bindings as Knex.RawBinding[])
        .count({ n: '*' })
        .first();
      selected = Number(row?.n ?? 0);
    }
    const providerName = provider || getService(strapi, 'providers').defaultName();
    const eta: Date | null =
      selected > 0
        ? await getService(strapi, 'quota').estimateFinish(providerName, selected, getService(strapi, 'clock').now())
        : null;
    return {
      eta: eta ? eta.toISOString() : null,
      lists: lists.map((list) => ({
        id: Number(list.id),
        name: list.name,
        slug: list.slug,
        subscribers: Number(list.subscribers),
      })),
      selected,
    };
  },
});
