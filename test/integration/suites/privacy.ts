import { beforeAll, describe, expect, it } from 'vitest';
import type { SuiteContext } from './context';
import { TABLES, eventsOf, pathOf, plugin, postForm, postJson, unique } from '../../fixtures/audience';

type Json = any;

const MJML = `<mjml><mj-body><mj-section><mj-column>
<mj-text>Hello</mj-text><mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button>
</mj-column></mj-section></mj-body></mjml>`;

/** Unique counts as the report defines them: distinct delivery, or erased key once the delivery is gone. */
const UNIQUE = 'count(distinct delivery_id) + count(distinct case when delivery_id is null then erased_key end)';

/**
 * Issue #14, the person's side of the privacy switch: erasure that keeps a campaign's engagement
 * figures, the tracking opt-out on the preferences page, and the Settings answer saying what applies.
 */
export function privacySuite(ctx: SuiteContext) {
  describe('engagement privacy', () => {
    let token = '';
    const strapi = () => ctx.app.strapi;
    const db = () => strapi().db.connection;

    async function api(method: string, pathname: string, json?: unknown) {
      const res = await ctx.app.request(`/email-campaigns${pathname}`, { method, token, json });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
    }

    async function person(fields: Record<string, unknown> = {}) {
      const res = await api('POST', '/subscribers', { email: `${unique('privacy')}@example.test`, ...fields });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.data as { id: number; email: string };
    }

    async function campaign() {
      const res = await api('POST', '/campaigns', { name: unique('privacy'), subject: 'Hi', mjml: MJML });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.data.id as number;
    }

    /** A sent campaign row for the person; its id. */
    async function delivery(campaignId: number, subscriber: { id: number; email: string }) {
      const at = new Date();
      const row = { campaign_id: campaignId, subscriber_id: subscriber.id };
      await db()(TABLES.deliveries).insert({
        ...row,
        kind: 'campaign',
        email: subscriber.email,
        provider: 'main',
        status: 'sent',
        attempts: 1,
        sent_at: at,
        created_at: at,
        updated_at: at,
      });
      return Number((await db()(TABLES.deliveries).where(row).first('id')).id);
    }

    let serial = 0;
    async function hits(campaignId: number, deliveryId: number | null, subscriberId: number | null, kinds: string[]) {
      const at = new Date();
      for (const kind of kinds) {
        await db()(TABLES.deliveryEvents).insert({
          delivery_id: deliveryId,
          campaign_id: campaignId,
          subscriber_id: subscriberId,
          kind: kind.replace('machine-', ''),
          machine: kind.startsWith('machine-'),
          source: 'tracking',
          external_id: `privacy-${Date.now()}-${++serial}`,
          occurred_at: at,
          created_at: at,
          updated_at: at,
        });
      }
    }

    /** Unique and total human opens and clicks, and machine ones, of a campaign, in plain SQL. */
    async function figures(campaignId: number) {
      const rows = await db()(TABLES.deliveryEvents)
        .where('campaign_id', campaignId)
        .groupBy('kind', 'machine')
        .orderBy(['kind', 'machine'])
        .select('kind', 'machine', db().raw(`${UNIQUE} as uniq`), db().raw('count(*) as total'));
      return rows.map((row: Json) => `${row.kind}${row.machine ? ' (machine)' : ''}: ${row.uniq}/${row.total}`);
    }

    async function eventsNaming(subscriberId: number, deliveryIds: number[]) {
      const row = await db()(TABLES.deliveryEvents)
        .where('subscriber_id', subscriberId)
        .orWhereIn('delivery_id', deliveryIds)
        .count({ n: '*' })
        .first();
      return Number(row?.n);
    }

    const keysOf = async (eventIds: number[]) =>
      db()(TABLES.deliveryEvents).whereIn('id', eventIds).orderBy('id').pluck('erased_key');

    beforeAll(async () => {
      token = await ctx.app.login();
    });

    it('erasing a person who opened and clicked leaves unique and total counts as they were, naming nobody', async () => {
      const [x, z] = [await campaign(), await campaign()];
      const gone = await person();
      const stays = await person();
      const goneX = await delivery(x, gone);
      const goneZ = await delivery(z, gone);
      const staysX = await delivery(x, stays);
      await hits(x, goneX, gone.id, ['open', 'open', 'click', 'click', 'machine-open']);
      await hits(z, goneZ, gone.id, ['open', 'click']);
      await hits(x, staysX, stays.id, ['open', 'click']);
      await hits(x, null, null, ['open']); // an aggregate-only hit: no delivery, no person
      const before = { x: await figures(x), z: await figures(z) };
      expect(before.x).toEqual(['click: 2/3', 'open: 2/4', 'open (machine): 1/1']);
      const goneEvents = (
        await db()(TABLES.deliveryEvents).where('subscriber_id', gone.id).orderBy('id').pluck('id')
      ).map(Number);

      expect((await api('DELETE', `/subscribers/${gone.id}`)).status).toBe(204);

      expect({ x: await figures(x), z: await figures(z) }).toEqual(before);
      expect(await eventsNaming(gone.id, [goneX, goneZ])).toBe(0);
      // One key per delivery: the five events of X share one, Z's two another.
      const keys = await keysOf(goneEvents);
      expect(keys.every((key: string) => /^[0-9a-f]{32}$/.test(key))).toBe(true);
      expect(new Set(keys.slice(0, 5)).size).toBe(1);
      expect(new Set(keys.slice(5)).size).toBe(1);
      expect(keys[0]).not.toBe(keys[5]);
      // The person who stays is untouched.
      expect(await eventsNaming(stays.id, [])).toBe(2);
      expect(await db()(TABLES.deliveryEvents).where('delivery_id', staysX).whereNotNull('erased_key').first()).toBe(
        undefined,
      );
    });

    it('a bulk erase goes through the same erasure: counts kept, events keyed, nobody named', async () => {
      const x = await campaign();
      const people = [await person(), await person(), await person()];
      const deliveries = [];
      for (const [i, someone] of people.entries()) {
        deliveries.push(await delivery(x, someone));
        await hits(x, deliveries[i], someone.id, i === 2 ? ['open'] : ['open', 'open', 'click']);
      }
      const before = await figures(x);
      expect(before).toEqual(['click: 2/2', 'open: 3/5']);
      const body = { action: 'erase', subscriberIds: [people[0].id, people[1].id] };
      const asked = await api('POST', '/subscribers/bulk', body);
      expect(asked.body.data.count).toBe(2);
      expect((await api('POST', '/subscribers/bulk', { ...body, confirm: 2 })).body.data.done).toBe(true);
      expect(await figures(x)).toEqual(before);
      for (const i of [0, 1]) expect(await eventsNaming(people[i].id, [deliveries[i]])).toBe(0);
      const keys = await db()(TABLES.deliveryEvents)
        .where('campaign_id', x)
        .whereNotNull('erased_key')
        .distinct()
        .pluck('erased_key');
      expect(keys).toHaveLength(2);
    });

    describe('the tracking opt-out on the preferences page', () => {
      const configKey = 'plugin::email-campaigns.tracking';
      let saved: unknown;
      const setTracking = (values: Record<string, boolean>) =>
        strapi().config.set(configKey, { ...(saved as object), ...values });

      beforeAll(() => {
        saved = strapi().config.get(configKey);
      });

      async function page(url: string) {
        const res = await ctx.app.request(url, { headers: { accept: 'text/html' } });
        expect(res.status).toBe(200);
        return res.text();
      }

      const optedOut = async (id: number) =>
        Boolean((await db()(TABLES.subscribers).where('id', id).first('tracking_opt_out')).tracking_opt_out);

      it('says nothing about tracking where the site does not track', async () => {
        setTracking({ enabled: false });
        try {
          const someone = await person();
          const url = pathOf(plugin(strapi()).service('links').preferencesUrl(someone.id));
          const html = await page(url);
          expect(html).toContain('Your email preferences');
          expect(html).not.toMatch(/track|opens? and clicks?|open these emails/i);
          const json = await ctx.app.request(url, { headers: { accept: 'application/json' } });
          expect((await json.json()).data).not.toHaveProperty('trackingOptOut');
          expect((await api('GET', '/settings')).body.data.tracking).toEqual({ enabled: false, aggregateOnly: false });
        } finally {
          strapi().config.set(configKey, saved);
        }
      });

      it('offers the opt-out where the site tracks, saves it with a consent event, in English and Vietnamese', async () => {
        setTracking({ enabled: true, aggregateOnly: false });
        try {
          const list = await api('POST', '/lists', { name: unique('pl'), slug: unique('pl'), doubleOptIn: false });
          const slug = list.body.data.slug as string;
          const someone = await person({ lists: [list.body.data.id] });
          const url = pathOf(plugin(strapi()).service('links').preferencesUrl(someone.id));
          expect((await api('GET', '/settings')).body.data.tracking).toEqual({ enabled: true, aggregateOnly: false });

          let html = await page(url);
          expect(html).toContain('Our emails may record when you open them or click their links');
          expect(html).toMatch(/<input type="checkbox" id="tracking-opt-out" name="trackingOptOut" value="yes">/);

          const save = (fields: Record<string, string>) =>
            postForm(ctx.app, url, { action: 'save', lists: slug, tracking: 'asked', ...fields });
          html = await (await save({ trackingOptOut: 'yes' })).text();
          expect(html).toContain('Your choices are saved.');
          expect(html).toMatch(/name="trackingOptOut" value="yes" checked>/);
          expect(await optedOut(someone.id)).toBe(true);
          expect((await api('GET', `/subscribers/${someone.id}`)).body.data.trackingOptOut).toBe(true);
          // The choice is the person's: an admin sees it and cannot set it.
          expect((await api('PUT', `/subscribers/${someone.id}`, { trackingOptOut: false })).status).toBe(400);
          expect(await optedOut(someone.id)).toBe(true);
          // Saving the same choice again logs nothing; unticking the box (nothing sent but "asked") opts back in.
          await save({ trackingOptOut: 'yes' });
          await save({});
          expect(await optedOut(someone.id)).toBe(false);
          const changes = (await eventsOf(strapi(), someone.id)).filter((e: Json) => e.type === 'tracking-changed');
          expect(changes.map((e: Json) => [e.data.trackingOptOut, e.data.via])).toEqual([
            [true, 'preferences'],
            [false, 'preferences'],
          ]);
          // A script's save of lists alone leaves the choice as it is; a wrong value is refused, nothing written.
          expect((await postJson(ctx.app, url, { lists: [slug], trackingOptOut: true })).status).toBe(200);
          expect(await optedOut(someone.id)).toBe(true);
          expect((await postJson(ctx.app, url, { lists: [slug] })).status).toBe(200);
          expect(await optedOut(someone.id)).toBe(true);
          const wrong = await postJson(ctx.app, url, { lists: [], trackingOptOut: 'maybe' });
          expect(wrong.status).toBe(400);
          expect(await optedOut(someone.id)).toBe(true);
          expect(
            (await (await ctx.app.request(url, { headers: { accept: 'application/json' } })).json()).data
              .trackingOptOut,
          ).toBe(true);

          // Aggregate-only: the page says no one is recorded by name; Vietnamese for a Vietnamese reader.
          setTracking({ enabled: true, aggregateOnly: true });
          expect(await page(url)).toContain('in total only: we never record who did');
          const vi = await person({ locale: 'vi' });
          const viHtml = await page(pathOf(plugin(strapi()).service('links').preferencesUrl(vi.id)));
          expect(viHtml).toContain('Không ghi lại khi tôi mở các email này');
          expect(viHtml).toContain('chúng tôi không bao giờ ghi lại ai đã làm vậy');
          expect((await api('GET', '/settings')).body.data.tracking).toEqual({ enabled: true, aggregateOnly: true });
        } finally {
          strapi().config.set(configKey, saved);
        }
      });
    });
  });
}
