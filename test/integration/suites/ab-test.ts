import { beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../../../server/src/constants';
import { SIMPLE_MJML, createList, insertSubscribers } from '../../helpers/fixtures';
import type { SuiteContext } from './context';

type Json = any;

/**
 * A/B subject tests on every database (docs/architecture.md, "Engagement", "A/B subject tests"):
 * the admin API's refusals, and the SQL split at promote: the sample's size, variants evenly
 * spread, the rest held; a second start splits nothing twice.
 */
export function abTestSuite(ctx: SuiteContext) {
  describe('A/B subject tests', () => {
    const strapi = () => ctx.app.strapi;
    const service = (name: string) => strapi().plugin('email-campaigns').service(name);
    let token = '';
    let seq = 0;
    const unique = (prefix: string) => `${prefix}-${ctx.client}-${Date.now().toString(36)}-${++seq}`;
    const AB = { subjects: ['First {{ subscriber.name }}', 'Second', 'Third'], samplePercent: 30, waitHours: 2 };

    async function api(method: string, path: string, json?: unknown) {
      const res = await ctx.app.request(`/email-campaigns${path}`, { method, token, json });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
    }

    async function campaign(fields: Record<string, unknown>) {
      const res = await api('POST', '/campaigns', {
        name: unique('ab'),
        subject: 'Own subject',
        mjml: SIMPLE_MJML,
        ...fields,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.data as Json;
    }

    /** The campaign's rows: how many are held, and how many of the others carry each variant. */
    async function split(campaignId: number) {
      const rows: Array<{ status: string; variant: number | null }> = await strapi()
        .db.connection(TABLES.deliveries)
        .where({ campaign_id: campaignId, kind: 'campaign' })
        .select('status', 'variant');
      const variants: Record<number, number> = {};
      for (const row of rows.filter((r) => r.status !== 'held')) {
        const variant = Number(row.variant);
        variants[variant] = (variants[variant] ?? 0) + 1;
      }
      const held = rows.filter((r) => r.status === 'held');
      return { total: rows.length, held: held.length, heldWithVariant: held.filter((r) => r.variant).length, variants };
    }

    beforeAll(async () => {
      token = await ctx.app.login();
      const locales = strapi().plugin('i18n').service('locales');
      if (!(await locales.findByCode('vi'))) await locales.create({ code: 'vi', name: 'Vietnamese (vi)' });
    });

    it('refuses a bad test with a 400 that says why, stores a good one without a winner, and answers it on every read', async () => {
      const refusals: Array<[unknown, RegExp]> = [
        [{ subjects: ['Only one'] }, /2 to 4 subjects/],
        [{ subjects: ['A', 'B', 'C', 'D', 'E'] }, /2 to 4 subjects/],
        [{ subjects: ['A', '{% if %}'] }, /does not compile/],
        [{ subjects: ['A', 'B'], samplePercent: 60 }, /from 1 to 50/],
        [{ subjects: ['A', 'B'], waitHours: 200 }, /from 1 to 168/],
        [{ subjects: ['A', 'B'], metric: 'replies' }, /"clicks" or "opens"/],
        [{ subjects: ['A', 'B'], winner: 1 }, /cannot be set here: winner/],
      ];
      const plain = await campaign({});
      expect(plain.abTest).toBeNull();
      for (const [abTest, message] of refusals) {
        const res = await api('PUT', `/campaigns/${plain.id}`, { abTest });
        expect(res.status, JSON.stringify(abTest)).toBe(400);
        expect(res.body.error.message).toMatch(message);
      }

      const res = await api('PUT', `/campaigns/${plain.id}`, { abTest: { subjects: ['A', 'B'] } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const stored = { subjects: ['A', 'B'], samplePercent: 20, waitHours: 4, metric: 'clicks', winner: null };
      expect(res.body.data.abTest).toMatchObject({ ...stored, decidedAt: null });
      expect((await api('GET', `/campaigns/${plain.id}`)).body.data.abTest).toMatchObject(stored);
      const listed = (await api('GET', `/campaigns?search=${encodeURIComponent(plain.name)}`)).body.data;
      expect(listed[0].abTest).toMatchObject(stored);
      // Null removes it.
      expect((await api('PUT', `/campaigns/${plain.id}`, { abTest: null })).body.data.abTest).toBeNull();
    });

    it('refuses a test with language versions in either order, and once the campaign has started', async () => {
      const versions = [{ locale: 'vi', subject: 'Tin mới', mjml: SIMPLE_MJML }];
      const withVersions = await campaign({ versions });
      const test = await api('PUT', `/campaigns/${withVersions.id}`, { abTest: { subjects: ['A', 'B'] } });
      expect(test.status).toBe(400);
      expect(test.body.error.message).toMatch(/language versions/);
      const withTest = await campaign({ abTest: { subjects: ['A', 'B'] } });
      const version = await api('PUT', `/campaigns/${withTest.id}`, { versions });
      expect(version.status).toBe(400);
      expect(version.body.error.message).toMatch(/language versions/);
      expect((await api('POST', '/campaigns', { name: unique('ab'), versions, abTest: AB })).status).toBe(400);
      // Nothing was half-written.
      expect((await api('GET', `/campaigns/${withTest.id}`)).body.data.versions ?? []).toEqual([]);

      const list = await createList(strapi());
      await insertSubscribers(strapi(), 3, { lists: [Number(list.id)] });
      const started = await campaign({ lists: [Number(list.id)], abTest: { subjects: ['A', 'B'] } });
      expect((await api('POST', `/campaigns/${started.id}/send`)).status).toBe(200);
      await service('sender').run();
      expect((await api('GET', `/campaigns/${started.id}`)).body.data.status).toBe('testing');
      const late = await api('PUT', `/campaigns/${started.id}`, { abTest: { subjects: ['C', 'D'] } });
      expect(late.status).toBe(400);
      expect(late.body.error.message).toMatch(/no longer change once the campaign has started/);
      await api('POST', `/campaigns/${started.id}/cancel`);
    });

    it('splits a random sample evenly among the variants in SQL and holds the rest, once', async () => {
      const list = await createList(strapi());
      const prefix = unique('ab-split');
      await insertSubscribers(strapi(), 101, { prefix, lists: [Number(list.id)] });
      const created = await campaign({ lists: [Number(list.id)], abTest: AB });
      expect((await api('POST', `/campaigns/${created.id}/send`)).status).toBe(200);
      await service('sender').run();

      const after = await api('GET', `/campaigns/${created.id}`);
      expect(after.body.data.status).toBe('testing');
      expect(after.body.data.startedAt).toBeTruthy();
      // round(101 × 30%) = 30 rows, 10 per subject; the other 71 wait for the winner, without a variant.
      expect(await split(created.id)).toEqual({
        total: 101,
        held: 71,
        heldWithVariant: 0,
        variants: { 1: 10, 2: 10, 3: 10 },
      });
      // The sample went out, each row with its variant's subject.
      const subjects = ctx.smtp.messages
        .filter((m) => m.envelope.to.some((to) => to.startsWith(`${prefix}-`)))
        .map((m) => (m.subject ?? '').replace(/ Person \d+$/, ''));
      expect(subjects.sort()).toEqual([
        ...Array(10).fill('First'),
        ...Array(10).fill('Second'),
        ...Array(10).fill('Third'),
      ]);

      // A second start (another instance, or a tick that died after the first) changes nothing.
      const test = { ...after.body.data.abTest };
      expect(await service('abTest').start(created.id, test, 'main', new Date())).toBe(false);
      expect((await split(created.id)).held).toBe(71);
      const report = await api('GET', `/campaigns/${created.id}/report`);
      expect(report.body.data.counts).toMatchObject({ held: 71, total: 101 });
      await api('POST', `/campaigns/${created.id}/cancel`);
      expect((await split(created.id)).held).toBe(0);
    });
  });
}
