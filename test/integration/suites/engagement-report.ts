/**
 * The engagement report and the campaigns list's rates (docs/architecture.md, "Engagement", Report),
 * on events written with knex as the hit buffer writes them: people and machines, several hits of
 * one delivery, an erased person's keyed events, aggregate-only rows, links and hours.
 */
import type { Knex } from 'knex';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TABLES, UID } from '../../../server/src/constants';
import { DEFAULT_TRACKING, type TrackingConfig } from '../../../server/src/config/tracking';
import type { CampaignListItem, CampaignTracking, EngagementReport } from '../../../server/src/contracts';
import { createLimitedAdmin } from '../../helpers/strapi';
import { insertOne } from '../../helpers/outbox-fixtures';
import type { SuiteContext } from './context';

const TRACKING_KEY = 'plugin::email-campaigns.tracking';
const H0 = Date.parse('2026-03-01T08:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface Hit {
  kind: 'open' | 'click';
  delivery?: number;
  erasedKey?: string;
  link?: number;
  machine?: boolean;
  at: number;
}

let seq = 0;

export function engagementReportSuite(ctx: SuiteContext) {
  describe('engagement report', () => {
    const strapi = () => ctx.app.strapi;
    const db = (): Knex => strapi().db.connection as unknown as Knex;
    const prefix = `engagement-${ctx.client}-${Date.now().toString(36)}`;
    const site = (overrides: Partial<TrackingConfig>) =>
      strapi().config.set(TRACKING_KEY, { ...DEFAULT_TRACKING, enabled: true, ...overrides });
    let token: string;

    async function api<T>(path: string, as = token): Promise<{ status: number; body: { data: T } }> {
      const res = await ctx.app.request(`/email-campaigns${path}`, { token: as });
      return { status: res.status, body: await res.json() };
    }

    async function campaign(name: string, tracking: CampaignTracking): Promise<number> {
      const created = await strapi()
        .documents(UID.campaign)
        .create({ data: { name: `${prefix} ${name}`, subject: name, status: 'sent', tracking } as never });
      return (created as { id: number }).id;
    }

    /** Deliveries of the campaign in these statuses; their ids in order. */
    async function deliveries(campaignId: number, statuses: string[]): Promise<number[]> {
      const ids: number[] = [];
      for (const status of statuses) {
        ids.push(
          await insertOne(db(), TABLES.deliveries, {
            kind: 'campaign',
            campaign_id: campaignId,
            email: `${prefix}-${++seq}@example.test`,
            provider: 'main',
            status,
            attempts: 1,
            sent_at: status === 'sent' ? new Date(H0) : null,
            created_at: new Date(H0),
            updated_at: new Date(H0),
          }),
        );
      }
      return ids;
    }

    async function link(campaignId: number, url: string, position: number): Promise<number> {
      return insertOne(db(), TABLES.campaignLinks, {
        document_id: `link-${++seq}`,
        campaign_id: campaignId,
        url,
        url_hash: `hash-${seq}`,
        position,
        created_at: new Date(H0),
        updated_at: new Date(H0),
      });
    }

    async function hits(campaignId: number, rows: Hit[]) {
      await db()(TABLES.deliveryEvents).insert(
        rows.map((hit) => ({
          campaign_id: campaignId,
          delivery_id: hit.delivery ?? null,
          erased_key: hit.erasedKey ?? null,
          link_id: hit.link ?? null,
          kind: hit.kind,
          machine: hit.machine ?? false,
          source: 'tracking',
          external_id: `hit-${prefix}-${++seq}`,
          occurred_at: new Date(hit.at),
          created_at: new Date(hit.at),
          updated_at: new Date(hit.at),
        })),
      );
    }

    const repeat = (count: number, hit: Hit): Hit[] => Array.from({ length: count }, () => ({ ...hit }));
    const people: CampaignTracking = { mode: 'people', opens: true, clicks: true };
    const ids = {} as { people: number; aggregate: number; clicksOnly: number; links: number[] };

    beforeAll(async () => {
      token = await ctx.app.login();
      site({});

      // 8 sent, 1 failed, 1 still queued: rates are of the 8.
      ids.people = await campaign('people', people);
      const [d1, d2, , , d5, d6] = await deliveries(ids.people, [...Array(8).fill('sent'), 'failed', 'queued']);
      // Stored out of template order: the table's tie-break is the position, not the id.
      const third = await link(ids.people, 'https://example.test/third', 2);
      const first = await link(ids.people, 'https://example.test/first', 0);
      const second = await link(ids.people, 'https://example.test/second', 1);
      ids.links = [first, second, third];
      // The fourth delivery's person was erased: their events keep one key instead of the delivery.
      const erased = { erasedKey: 'erased-d4' };
      await hits(ids.people, [
        ...repeat(3, { kind: 'open', delivery: d1, at: H0 + 5 * MINUTE }),
        { kind: 'open', delivery: d2, at: H0 + 50 * MINUTE },
        ...repeat(2, { kind: 'open', ...erased, at: H0 + HOUR + 10 * MINUTE }),
        { kind: 'open', delivery: d6, at: H0 + 3 * HOUR + MINUTE },
        ...repeat(2, { kind: 'click', delivery: d1, link: second, at: H0 + 20 * MINUTE }),
        { kind: 'click', ...erased, link: second, at: H0 + 20 * MINUTE },
        { kind: 'click', delivery: d2, link: first, at: H0 + HOUR + 30 * MINUTE },
        { kind: 'click', delivery: d1, link: third, at: H0 + HOUR + 40 * MINUTE },
        // Machines, in an hour of their own: a proxy's opens and a scanner's clicks.
        ...repeat(2, { kind: 'open', delivery: d5, machine: true, at: H0 + 2 * HOUR }),
        { kind: 'open', delivery: d6, machine: true, at: H0 + 2 * HOUR },
        { kind: 'click', delivery: d5, link: first, machine: true, at: H0 + 2 * HOUR },
        { kind: 'click', delivery: d5, link: second, machine: true, at: H0 + 2 * HOUR },
      ]);

      ids.aggregate = await campaign('aggregate', { mode: 'aggregate', opens: true, clicks: true });
      await deliveries(ids.aggregate, Array(4).fill('sent'));
      await hits(ids.aggregate, [
        ...repeat(3, { kind: 'open', at: H0 }),
        { kind: 'open', machine: true, at: H0 },
        ...repeat(2, { kind: 'click', at: H0 }),
      ]);

      ids.clicksOnly = await campaign('clicks only', { mode: 'people', opens: false, clicks: true });
      const [c1] = await deliveries(ids.clicksOnly, Array(4).fill('sent'));
      await hits(ids.clicksOnly, [{ kind: 'click', delivery: c1, at: H0 }]);
    });

    afterEach(() => site({}));
    afterAll(() => strapi().config.set(TRACKING_KEY, DEFAULT_TRACKING));

    it('counts unique and total opens and clicks of people, machines apart, and rates over messages sent', async () => {
      const { status, body } = await api<EngagementReport>(`/campaigns/${ids.people}/engagement`);
      expect(status).toBe(200);
      const report = body.data;
      expect(report.tracking).toEqual({ ...people, effectiveMode: 'people' });
      expect(report.sent).toBe(8);
      // Unique: d1, d2, d6 and the erased person's key; total: 3 + 1 + 2 + 1; machine: 2 + 1.
      expect(report.opens).toEqual({ unique: 4, total: 7, machine: 3 });
      // Unique: d1, d2 and the erased key.
      expect(report.clicks).toEqual({ unique: 3, total: 5, machine: 2 });
      expect(report.openRate).toBeCloseTo(4 / 8);
      expect(report.clickRate).toBeCloseTo(3 / 8);
      expect(report.clickToOpenRate).toBeCloseTo(3 / 4);
      expect(report.bufferSeconds).toBe(1);
      expect(report.ab).toBeNull();
    });

    it('lists each link with its clicks, most clicked first and ties in template order', async () => {
      const { body } = await api<EngagementReport>(`/campaigns/${ids.people}/engagement`);
      const [first, second, third] = ids.links;
      expect(body.data.links).toEqual([
        { id: second, url: 'https://example.test/second', clicks: { unique: 2, total: 3, machine: 1 } },
        { id: first, url: 'https://example.test/first', clicks: { unique: 1, total: 1, machine: 1 } },
        { id: third, url: 'https://example.test/third', clicks: { unique: 1, total: 1, machine: 0 } },
      ]);
    });

    it("puts people's opens and clicks in UTC hours, machines left out", async () => {
      const { body } = await api<EngagementReport>(`/campaigns/${ids.people}/engagement`);
      const hour = (n: number) => new Date(H0 + n * HOUR).toISOString();
      expect(body.data.timeline).toEqual([
        { hour: hour(0), opens: 4, clicks: 3 },
        { hour: hour(1), opens: 2, clicks: 2 },
        { hour: hour(3), opens: 1, clicks: 0 },
      ]);
    });

    it('shows unique people as unknown in aggregate mode, the campaign’s or the site’s', async () => {
      const own = (await api<EngagementReport>(`/campaigns/${ids.aggregate}/engagement`)).body.data;
      expect(own.tracking.effectiveMode).toBe('aggregate');
      expect(own.opens).toEqual({ unique: null, total: 3, machine: 1 });
      expect(own.clicks).toEqual({ unique: null, total: 2, machine: 0 });
      expect([own.openRate, own.clickRate, own.clickToOpenRate]).toEqual([null, null, null]);

      site({ aggregateOnly: true, flushIntervalMs: 2500 });
      const forced = (await api<EngagementReport>(`/campaigns/${ids.people}/engagement`)).body.data;
      expect(forced.tracking).toMatchObject({ mode: 'people', effectiveMode: 'aggregate' });
      expect(forced.opens).toEqual({ unique: null, total: 7, machine: 3 });
      expect(forced.links[0].clicks.unique).toBeNull();
      expect(forced.openRate).toBeNull();
      expect(forced.bufferSeconds).toBe(2.5);
    });

    it('gives no rate where the site or the campaign tracks nothing, and keeps the counts recorded', async () => {
      site({ enabled: false });
      const off = (await api<EngagementReport>(`/campaigns/${ids.people}/engagement`)).body.data;
      expect(off.tracking.effectiveMode).toBe('off');
      expect([off.openRate, off.clickRate]).toEqual([null, null]);
      expect(off.opens.total).toBe(7);

      site({});
      const clicksOnly = (await api<EngagementReport>(`/campaigns/${ids.clicksOnly}/engagement`)).body.data;
      expect(clicksOnly.openRate).toBeNull();
      expect(clicksOnly.clickRate).toBeCloseTo(1 / 4);
    });

    it('shows open and click rates on the campaigns list', async () => {
      const { body } = await api<CampaignListItem[]>(`/campaigns?search=${encodeURIComponent(prefix)}&pageSize=100`);
      const rates = Object.fromEntries(body.data.map((item) => [item.id, item.engagement]));
      expect(rates[ids.people].openRate).toBeCloseTo(0.5);
      expect(rates[ids.people].clickRate).toBeCloseTo(0.375);
      expect(rates[ids.aggregate]).toEqual({ openRate: null, clickRate: null });
      expect(rates[ids.clicksOnly]).toEqual({ openRate: null, clickRate: 0.25 });
      expect(body.data.find((item) => item.id === ids.people)?.tracking).toEqual(people);

      site({ enabled: false });
      const off = await api<CampaignListItem[]>(`/campaigns?search=${encodeURIComponent(prefix)}&pageSize=100`);
      expect(off.body.data.map((item) => item.engagement)).toEqual(
        off.body.data.map(() => ({ openRate: null, clickRate: null })),
      );
    });

    it('tells the editor whether the site tracks, and in aggregate only', async () => {
      const on = await api<{ tracking: unknown }>('/composer');
      expect(on.body.data.tracking).toEqual({ enabled: true, aggregateOnly: false });
      site({ enabled: false, aggregateOnly: true });
      const off = await api<{ tracking: unknown }>('/composer');
      expect(off.body.data.tracking).toEqual({ enabled: false, aggregateOnly: true });
    });

    it('needs the read permission, answers 404 for an unknown campaign and 400 for a bad id', async () => {
      const nobody = await createLimitedAdmin(strapi(), []);
      const reader = await createLimitedAdmin(strapi(), ['plugin::email-campaigns.read']);
      const path = `/campaigns/${ids.people}/engagement`;
      expect((await api(path, await ctx.app.login(nobody.email, nobody.password))).status).toBe(403);
      const allowed = await api<EngagementReport>(path, await ctx.app.login(reader.email, reader.password));
      expect(allowed.status).toBe(200);
      expect(allowed.body.data.opens.total).toBe(7);
      expect((await api('/campaigns/99999999/engagement')).status).toBe(404);
      const bad = await ctx.app.request('/email-campaigns/campaigns/abc/engagement', { token });
      expect(bad.status).toBe(400);
    });
  });
}
