/**
 * What the tracking hits tests share (test/integration/tracking-hits.test.ts and the hit buffer's
 * tests beside it): link rows written as the sender writes them, tokens signed with the test app's
 * secret, hits sent behind the trusted proxy, and the rows they left. docs/architecture.md,
 * "Engagement".
 */
import type { Knex } from 'knex';
import { TABLES, UID } from '../../server/src/constants';
import { signTrackingToken, type TrackingToken } from '../../server/src/services/tracking/tokens';
import type { DatabaseClient } from './database';
import { baseEnv, type TestStrapi } from './strapi';

export const PUBLIC = '/api/email-campaigns';
export const SECRET = baseEnv().EMAIL_CAMPAIGNS_SECRET;
export const BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
/** The site's tracking at boot: on, written every 100 ms, the per-IP limit out of the way. */
export const TRACKING = { enabled: true, flushIntervalMs: 100, hitsPerIpPerMinute: 100_000 };

export interface EventRow {
  kind: string;
  campaign_id: number;
  link_id: number | null;
  delivery_id: number | null;
  subscriber_id: number | null;
  machine: boolean | number;
  source: string;
  external_id: string;
}

export const machineOf = (row: EventRow) => Boolean(row.machine);
export const nowSeconds = () => Math.floor(Date.now() / 1000);

export type TrackingHarness = ReturnType<typeof trackingHarness>;

/** Helpers bound to the Strapi `app()` answers (it changes on a restart). */
export function trackingHarness(app: () => TestStrapi, client: DatabaseClient) {
  let nextCampaign = 1000;
  let nextDelivery = 5000;
  const db = () => app().strapi.db.connection as unknown as Knex;

  return {
    client,
    db,
    /** Changes one `tracking.*` setting of the running Strapi. */
    tracking: (key: string, value: unknown) =>
      app().strapi.config.set(`plugin::email-campaigns.tracking.${key}`, value),
    buffer: () => app().strapi.plugin('email-campaigns').service('hitBuffer'),

    /** A campaign id of its own and its link rows (the sender writes them at compile time). */
    async campaignWithLinks(urls: string[], campaignId = ++nextCampaign) {
      const linkIds: number[] = [];
      for (const [position, url] of urls.entries()) {
        const row = await app()
          .strapi.db.query(UID.campaignLink)
          .create({ data: { campaignId, url, urlHash: `h${campaignId}-${position}`, position } });
        linkIds.push(Number(row.id));
      }
      return { campaignId, linkIds };
    },

    /** A fresh delivery id. */
    delivery: () => ++nextDelivery,

    /** A token as the sender signs it; by default a person's message sent an hour ago. */
    token(fields: Partial<TrackingToken> & Pick<TrackingToken, 'kind' | 'campaignId'>): string {
      const deliveryId = ++nextDelivery;
      return signTrackingToken(SECRET, {
        deliveryId,
        subscriberId: deliveryId + 1_000_000,
        sentAt: nowSeconds() - 3600,
        mode: 'people',
        ...fields,
      });
    },

    /** A request to a tracking route from `client` (X-Forwarded-For), not following redirects. */
    hit: (path: string, { agent = BROWSER, method = 'GET', client: from = '203.0.113.1' } = {}) =>
      app().request(`${PUBLIC}${path}`, {
        method,
        redirect: 'manual',
        headers: { 'user-agent': agent, 'x-forwarded-for': from },
      }),

    /** The campaign's delivery-event rows, oldest first. */
    events: (campaignId: number): Promise<EventRow[]> =>
      db()(TABLES.deliveryEvents).where({ campaign_id: campaignId }).orderBy('id'),
  };
}
