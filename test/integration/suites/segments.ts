import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SuiteContext } from './context';
import { createLimitedAdmin } from '../../helpers/strapi';
import { TABLES, eventsOf, unique } from '../../fixtures/audience';

type Json = any;

interface Person {
  status?: string;
  locale?: string | null;
  attributes?: Record<string, unknown>;
  lists?: number[];
}

const MJML = `<mjml><mj-body><mj-section><mj-column>
<mj-text>Hello {{ subscriber.email }}</mj-text>
<mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button>
</mj-column></mj-section></mj-body></mjml>`;

/**
 * Issue #13, segments and bulk actions: rules over fields, attributes and lists, counted and
 * materialized by each database with bound values, and bulk actions confirmed by their count.
 */
export function segmentsSuite(ctx: SuiteContext) {
  describe('segments and bulk actions', () => {
    let token = '';
    const strapi = () => ctx.app.strapi;
    const db = () => strapi().db.connection;

    async function api(method: string, pathname: string, json?: unknown, as = token) {
      const res = await ctx.app.request(`/email-campaigns${pathname}`, { method, token: as, json });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
    }

    async function list() {
      const slug = unique('seglist');
      const res = await api('POST', '/lists', { name: slug, slug, doubleOptIn: false });
      expect(res.status).toBe(201);
      return res.body.data.id as number;
    }

    /** People inserted as they are, each with the suite's cohort attribute so counts are this test's own. */
    async function seed(cohort: string, people: Person[]): Promise<number[]> {
      const at = new Date();
      const ids: number[] = [];
      for (const [i, person] of people.entries()) {
        const email = `${cohort}-${i}@example.test`;
        await db()(TABLES.subscribers).insert({
          email,
          status: person.status ?? 'subscribed',
          locale: person.locale ?? null,
          attributes: JSON.stringify({ cohort, ...person.attributes }),
          source: 'api',
          created_at: at,
          updated_at: at,
        });
        const { id } = await db()(TABLES.subscribers).where('email', email).first('id');
        ids.push(Number(id));
        for (const listId of person.lists ?? [])
          await db()(TABLES.subscriberLists).insert({ subscriber_id: Number(id), list_id: listId });
      }
      return ids;
    }

    const inCohort = (cohort: string) => ({ field: 'attribute', path: 'cohort', operator: 'eq', value: cohort });
    const all = (...conditions: unknown[]) => ({ match: 'all', conditions });

    async function count(rules: unknown) {
      const res = await api('POST', '/segments/count', { rules });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.data.count as number;
    }

    async function matching(cohort: string, ...conditions: unknown[]) {
      const res = await api('POST', '/subscribers/bulk', {
        action: 'export',
        rules: all(inCohort(cohort), ...conditions),
      });
      expect(res.status).toBe(200);
      return res.body.data.count as number;
    }

    async function segment(rules: unknown) {
      const res = await api('POST', '/segments', { name: unique('segment'), rules });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.data as { id: number };
    }

    async function bulk(body: Record<string, unknown>) {
      const asked = await api('POST', '/subscribers/bulk', body);
      expect(asked.status, JSON.stringify(asked.body)).toBe(200);
      expect(asked.body.data.done).toBe(false);
      const done = await api('POST', '/subscribers/bulk', { ...body, confirm: asked.body.data.count });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      return done.body.data as { count: number; done: boolean; csv?: string };
    }

    const membersOf = async (listId: number) =>
      (await db()(TABLES.subscriberLists).where('list_id', listId).pluck('subscriber_id'))
        .map(Number)
        .sort((a, b) => a - b);

    async function materialized(campaignId: number): Promise<number[]> {
      const deadline = Date.now() + 30_000;
      for (;;) {
        await strapi().plugin('email-campaigns').service('sender').run();
        const campaign = await db()(TABLES.campaigns).where('id', campaignId).first('status');
        if (campaign.status === 'sent' || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const rows = await db()(TABLES.deliveries)
        .where({ campaign_id: campaignId, status: 'sent' })
        .pluck('subscriber_id');
      return rows.map(Number).sort((a, b) => a - b);
    }

    beforeAll(async () => {
      token = await ctx.app.login();
    });

    it('counts and materializes plan = "pro" AND language = "vi" AND NOT in list X exactly', async () => {
      const cohort = unique('issue');
      const x = await list();
      const other = await list();
      const pro = { plan: 'pro' };
      const ids = await seed(cohort, [
        { locale: 'vi', attributes: pro }, // 0: in
        { locale: 'vi-VN', attributes: pro, lists: [other] }, // 1: in (Vietnamese, another list)
        { locale: 'vi', attributes: pro, lists: [x] }, // 2: on X
        { locale: 'en', attributes: pro }, // 3: English
        { locale: 'vi', attributes: { plan: 'free' } }, // 4: free
        { locale: 'vi', attributes: { plan: 'PRO ' } }, // 5: not "pro"
        { locale: null, attributes: pro }, // 6: no language
        { locale: 'vi', attributes: pro, status: 'unsubscribed' }, // 7: matches, never mailed
        { locale: 'vi' }, // 8: no plan
      ]);
      const rules = all(
        inCohort(cohort),
        { field: 'attribute', path: 'plan', operator: 'eq', value: 'pro' },
        { field: 'locale', operator: 'eq', value: 'vi' },
        { match: 'all', not: true, conditions: [{ field: 'list', operator: 'inList', value: x }] },
      );
      expect(await count(rules)).toBe(3);
      const saved = await segment(rules);
      expect((await api('GET', `/segments/${saved.id}/count`)).body.data).toEqual({ count: 3 });
      expect((await api('GET', `/segments/${saved.id}`)).body.data.rules).toEqual(rules);

      const res = await api('POST', '/campaigns', {
        name: unique('seg'),
        subject: 'Hi',
        mjml: MJML,
        segments: [saved.id],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.data.segments).toEqual([expect.objectContaining({ id: saved.id })]);
      const audience = await api('GET', `/audience?segments=${saved.id}`);
      expect(audience.body.data.selected).toBe(2);
      expect((await api('POST', `/campaigns/${res.body.data.id}/send`)).status).toBe(200);
      expect(await materialized(res.body.data.id)).toEqual([ids[0], ids[1]]);
    });

    it('matches a value holding SQL text literally', async () => {
      const cohort = unique('sql');
      const hostile = ["' OR 1=1 --", '"); DROP TABLE email_campaigns_subscribers; --', '50%_off'];
      const ids = await seed(cohort, [
        { attributes: { note: hostile[0] } },
        { attributes: { note: hostile[1] } },
        { attributes: { note: '50 percent off' } },
        { attributes: { note: 'anything' } },
      ]);
      for (const [i, value] of hostile.slice(0, 2).entries()) {
        const rules = all(inCohort(cohort), { field: 'attribute', path: 'note', operator: 'eq', value });
        expect(await count(rules), value).toBe(1);
        const exported = await bulk({ action: 'export', rules });
        expect(parse(exported.csv!, { columns: true }).map((row: Json) => row.email)).toEqual([
          `${cohort}-${i}@example.test`,
        ]);
        expect(await matching(cohort, { field: 'attribute', path: 'note', operator: 'in', value: [value] })).toBe(1);
      }
      // LIKE wildcards are text too: "50%_off" is not "50 percent off".
      expect(await matching(cohort, { field: 'attribute', path: 'note', operator: 'contains', value: '50%_off' })).toBe(
        0,
      );
      expect(await matching(cohort, { field: 'email', operator: 'contains', value: "' or '1'='1" })).toBe(0);
      expect(await matching(cohort, { field: 'attribute', path: 'note', operator: 'ne', value: hostile[0] })).toBe(3);
      const left = await db()(TABLES.subscribers).whereIn('id', ids).count({ n: '*' }).first();
      expect(Number(left.n)).toBe(4);
    });

    it('refuses an attribute path outside the whitelist with 400, naming the condition', async () => {
      for (const path of ["plan') or 1=1 --", '$.plan', 'a b', 'x'.repeat(65)]) {
        const rules = all({ field: 'attribute', path, operator: 'eq', value: 'pro' });
        const counted = await api('POST', '/segments/count', { rules });
        expect(counted.status, path).toBe(400);
        expect(counted.body.error.message).toContain('rules.conditions[0]');
        expect((await api('POST', '/segments', { name: 'bad', rules })).status).toBe(400);
        expect((await api('POST', '/subscribers/bulk', { action: 'export', rules })).status).toBe(400);
      }
      const unknownField = await api('POST', '/segments/count', {
        rules: all({ field: 'password', operator: 'eq', value: 'x' }),
      });
      expect(unknownField.status).toBe(400);
      expect(unknownField.body.error.message).toContain('unknown field "password"');
    });

    it('compares numbers as numbers and dates as dates', async () => {
      const cohort = unique('num');
      await seed(cohort, [
        { attributes: { seats: 9, renews: '2025-02-01' } },
        { attributes: { seats: 10, renews: '2025-10-01T08:00:00Z' } },
        { attributes: { seats: 100, renews: '2024-12-31' } },
        { attributes: { seats: '50', renews: 'soon' } }, // text, neither a number nor a date
      ]);
      const seats = (operator: string, value: number) =>
        matching(cohort, { field: 'attribute', path: 'seats', operator, value });
      expect(await seats('gt', 9)).toBe(2); // as text, "10" and "100" sort before "9"
      expect(await seats('gte', 10)).toBe(2);
      expect(await seats('lt', 10)).toBe(1);
      expect(await seats('eq', 100)).toBe(1);
      const renews = (operator: string, value: string) =>
        matching(cohort, { field: 'attribute', path: 'renews', operator, value });
      expect(await renews('gt', '2025-01-15')).toBe(2);
      expect(await renews('lt', '2025-03-01')).toBe(2);
      expect(await renews('gte', '2025-10-01')).toBe(1);
      const created = (operator: string, value: string) => matching(cohort, { field: 'createdAt', operator, value });
      expect(await created('gte', '2000-01-01')).toBe(4);
      expect(await created('lt', '2000-01-01')).toBe(0);
      expect(await created('lt', new Date(Date.now() + 86_400_000).toISOString())).toBe(4);
    });

    it('adds exactly the segment’s people to a list, with consent-log rows, once confirmed', async () => {
      const cohort = unique('add');
      const target = await list();
      const ids = await seed(cohort, [
        { attributes: { plan: 'pro' } },
        { attributes: { plan: 'pro' } },
        { attributes: { plan: 'pro' }, lists: [target] }, // already on it: not touched
        { attributes: { plan: 'free' } },
        { attributes: { plan: 'pro' }, status: 'unsubscribed' }, // left: a list does not bring them back
      ]);
      const saved = await segment(
        all(inCohort(cohort), { field: 'attribute', path: 'plan', operator: 'eq', value: 'pro' }),
      );
      // Edits pass the same whitelist; a refused one leaves the saved rules as they were.
      const bad = all({ field: 'attribute', path: 'plan;', operator: 'eq', value: 'pro' });
      expect((await api('PUT', `/segments/${saved.id}`, { rules: bad })).status).toBe(400);
      const renamed = await api('PUT', `/segments/${saved.id}`, { name: 'Pro plan', description: 'Paying' });
      expect(renamed.status).toBe(200);
      expect(renamed.body.data).toMatchObject({ name: 'Pro plan', description: 'Paying', rules: { match: 'all' } });
      expect((await api('GET', `/segments/${saved.id}/count`)).body.data.count).toBe(4);
      expect((await api('GET', '/segments')).body.data).toContainEqual(expect.objectContaining({ id: saved.id }));
      const body = { action: 'addToList', segmentId: saved.id, listId: target };
      const asked = await api('POST', '/subscribers/bulk', body);
      expect(asked.body.data).toEqual({ action: 'addToList', count: 2, done: false });
      expect(await membersOf(target)).toEqual([ids[2]]);
      const stale = await api('POST', '/subscribers/bulk', { ...body, confirm: 3 });
      expect(stale.status).toBe(409);
      expect(await membersOf(target)).toEqual([ids[2]]);
      const done = await api('POST', '/subscribers/bulk', { ...body, confirm: 2 });
      expect(done.body.data).toEqual({ action: 'addToList', count: 2, done: true });
      expect(await membersOf(target)).toEqual([ids[0], ids[1], ids[2]]);
      for (const id of [ids[0], ids[1]]) {
        const events = await eventsOf(strapi(), id);
        expect(events).toContainEqual(
          expect.objectContaining({
            type: 'lists-changed',
            data: expect.objectContaining({ via: 'bulk', added: [target] }),
          }),
        );
      }
      expect((await eventsOf(strapi(), ids[3])).length).toBe(0);
    });

    it('removes from a list, unsubscribes, exports and erases, on chosen ids and on a segment', async () => {
      const cohort = unique('each');
      const target = await list();
      const ids = await seed(
        cohort,
        Array.from({ length: 6 }, (_, i) => ({ attributes: { group: i < 3 ? 'a' : 'b' }, lists: [target] })),
      );
      const groupB = await segment(
        all(inCohort(cohort), { field: 'attribute', path: 'group', operator: 'eq', value: 'b' }),
      );

      expect((await bulk({ action: 'removeFromList', subscriberIds: [ids[0]], listId: target })).count).toBe(1);
      expect((await bulk({ action: 'removeFromList', segmentId: groupB.id, listId: target })).count).toBe(3);
      expect(await membersOf(target)).toEqual([ids[1], ids[2]]);

      expect((await bulk({ action: 'unsubscribe', subscriberIds: [ids[1]] })).count).toBe(1);
      expect((await bulk({ action: 'unsubscribe', segmentId: groupB.id })).count).toBe(3);
      const statuses = await db()(TABLES.subscribers).whereIn('id', ids).orderBy('id').pluck('status');
      expect(statuses).toEqual([
        'subscribed',
        'unsubscribed',
        'subscribed',
        'unsubscribed',
        'unsubscribed',
        'unsubscribed',
      ]);
      expect(await membersOf(target)).toEqual([ids[2]]);
      expect(await eventsOf(strapi(), ids[4])).toContainEqual(
        expect.objectContaining({
          type: 'unsubscribed',
          data: expect.objectContaining({ via: 'bulk', method: 'admin' }),
        }),
      );

      const byIds = await bulk({ action: 'export', subscriberIds: [ids[0], ids[2]] });
      expect(parse(byIds.csv!, { columns: true }).map((row: Json) => row.email)).toEqual([
        `${cohort}-0@example.test`,
        `${cohort}-2@example.test`,
      ]);
      const bySegment = await bulk({ action: 'export', segmentId: groupB.id });
      expect(bySegment.count).toBe(3);
      expect(parse(bySegment.csv!, { columns: true })).toHaveLength(3);
      expect(await eventsOf(strapi(), ids[3])).toContainEqual(expect.objectContaining({ type: 'exported' }));
      // A large segment streams through the CSV export route instead.
      const streamed = await ctx.app.request(`/email-campaigns/subscribers/export?segment=${groupB.id}`, { token });
      expect(streamed.status).toBe(200);
      expect(parse(await streamed.text(), { columns: true }).map((row: Json) => row.email)).toEqual(
        [3, 4, 5].map((i) => `${cohort}-${i}@example.test`),
      );
      expect((await ctx.app.request('/email-campaigns/subscribers/export?segment=999999', { token })).status).toBe(404);

      expect((await bulk({ action: 'erase', subscriberIds: [ids[0]] })).count).toBe(1);
      expect((await bulk({ action: 'erase', segmentId: groupB.id })).count).toBe(3);
      const left = await db()(TABLES.subscribers).whereIn('id', ids).orderBy('id').pluck('id');
      expect(left.map(Number)).toEqual([ids[1], ids[2]]);
      const history = await db()(TABLES.subscriberEvents)
        .whereIn('subscriber_id', [ids[0], ids[3]])
        .count({ n: '*' })
        .first();
      expect(Number(history.n)).toBe(0);
      const suppressed = await db()(TABLES.suppressions).where('reason', 'erased').count({ n: '*' }).first();
      expect(Number(suppressed.n)).toBeGreaterThanOrEqual(4);
    });

    it('guards bulk actions and segments by their rights, and refuses half-named requests', async () => {
      const reader = await createLimitedAdmin(strapi(), ['plugin::email-campaigns.read']);
      const readerToken = await ctx.app.login(reader.email, reader.password);
      const rules = all({ field: 'status', operator: 'eq', value: 'subscribed' });
      expect((await api('POST', '/segments/count', { rules }, readerToken)).status).toBe(200);
      expect((await api('GET', '/segments', undefined, readerToken)).status).toBe(200);
      expect((await api('POST', '/segments', { name: 'x', rules }, readerToken)).status).toBe(403);
      expect((await api('POST', '/subscribers/bulk', { action: 'export', rules }, readerToken)).status).toBe(403);
      expect((await api('POST', '/subscribers/bulk', { action: 'unsubscribe', rules }, readerToken)).status).toBe(403);
      const exporter = await createLimitedAdmin(strapi(), [
        'plugin::email-campaigns.read',
        'plugin::email-campaigns.subscribers.export',
      ]);
      const exporterToken = await ctx.app.login(exporter.email, exporter.password);
      expect(
        (await api('POST', '/subscribers/bulk', { action: 'export', subscriberIds: [1] }, exporterToken)).status,
      ).toBe(200);
      expect(
        (await api('POST', '/subscribers/bulk', { action: 'erase', subscriberIds: [1] }, exporterToken)).status,
      ).toBe(403);

      expect((await api('POST', '/subscribers/bulk', { action: 'erase' })).status).toBe(400);
      expect((await api('POST', '/subscribers/bulk', { action: 'erase', subscriberIds: [1], rules })).status).toBe(400);
      expect((await api('POST', '/subscribers/bulk', { action: 'addToList', subscriberIds: [1] })).status).toBe(400);
      expect(
        (await api('POST', '/subscribers/bulk', { action: 'addToList', subscriberIds: [1], listId: 999_999 })).status,
      ).toBe(404);
      expect((await api('POST', '/subscribers/bulk', { action: 'export', segmentId: 999_999 })).status).toBe(404);
      expect((await api('POST', '/campaigns', { name: 'x', segments: [999_999] })).status).toBe(400);
    });

    it('sends a campaign to exactly the union of its lists and segments, and needs one of them to send', async () => {
      const cohort = unique('union');
      const listA = await list();
      const ids = await seed(cohort, [
        { lists: [listA] }, // 0: list only
        { lists: [listA], attributes: { vip: true } }, // 1: both, one message
        { attributes: { vip: true } }, // 2: segment only
        { attributes: { vip: true }, status: 'bounced' }, // 3: segment, not subscribed
        {}, // 4: neither
      ]);
      const vip = await segment(
        all(inCohort(cohort), { field: 'attribute', path: 'vip', operator: 'eq', value: true }),
      );
      const audience = await api('GET', `/audience?lists=${listA}&segments=${vip.id}`);
      expect(audience.body.data.selected).toBe(3);
      const res = await api('POST', '/campaigns', {
        name: unique('union'),
        subject: 'Hi',
        mjml: MJML,
        lists: [listA],
        segments: [vip.id],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect((await api('POST', `/campaigns/${res.body.data.id}/send`)).status).toBe(200);
      // A scheduled campaign still needs its segment.
      expect((await api('DELETE', `/segments/${vip.id}`)).status).toBe(400);
      expect(await materialized(res.body.data.id)).toEqual([ids[0], ids[1], ids[2]]);
      const mails = ctx.smtp.messages.filter((m) => m.envelope.to[0].startsWith(`${cohort}-`));
      expect(mails.map((m) => m.envelope.to[0]).sort()).toEqual([0, 1, 2].map((i) => `${cohort}-${i}@example.test`));
      expect((await api('DELETE', `/segments/${vip.id}`)).status).toBe(204);

      const empty = await api('POST', '/campaigns', { name: unique('none'), subject: 'Hi', mjml: MJML });
      const refused = await api('POST', `/campaigns/${empty.body.data.id}/send`);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain('choose at least one list or segment');
    });

    it('selects people by their human opens and clicks, by campaign or any, and by days without an open', async () => {
      const cohort = unique('engaged');
      const campaign = async () =>
        (await api('POST', '/campaigns', { name: unique('engaged'), subject: 'Hi', mjml: MJML })).body.data
          .id as number;
      const [x, y] = [await campaign(), await campaign()];
      const ids = await seed(
        cohort,
        Array.from({ length: 7 }, () => ({})),
      );
      const now = strapi().plugin('email-campaigns').service('clock').now().getTime();
      let serial = 0;
      const event = (subscriberId: number | null, campaignId: number, kind: string, daysAgo: number, machine = false) =>
        db()(TABLES.deliveryEvents).insert({
          subscriber_id: subscriberId,
          campaign_id: campaignId,
          kind,
          machine,
          source: 'tracking',
          external_id: `${cohort}-${++serial}`,
          occurred_at: new Date(now - daysAgo * 86_400_000),
          created_at: new Date(now),
          updated_at: new Date(now),
        });
      await event(ids[0], x, 'open', 1);
      await event(ids[1], x, 'open', 2);
      await event(ids[1], x, 'click', 2);
      await event(ids[2], y, 'open', 100); // outside a 30-day window
      await event(ids[3], x, 'open', 1, true); // Apple's proxy: a machine, not a person
      await event(ids[3], x, 'click', 1, true); // a link scanner
      await event(ids[5], y, 'click', 1); // clicked with images off: no open recorded
      await event(ids[6], y, 'open', 10);
      // Aggregate-only events name nobody: they never match anyone.
      await event(null, x, 'open', 1);
      await event(null, x, 'click', 1);
      // ids[4] did nothing.

      const engaged = (operator: string, value: unknown) => matching(cohort, { field: 'engagement', operator, value });
      expect(await engaged('opened', x)).toBe(2);
      expect(await engaged('notOpened', x)).toBe(5);
      expect(await engaged('clicked', x)).toBe(1);
      expect(await engaged('clicked', null)).toBe(2);
      expect(await engaged('notClicked', 'any')).toBe(5);
      expect(await engaged('opened', 'any')).toBe(4);
      expect(await engaged('notOpenedDays', 30)).toBe(4);
      expect(await engaged('notOpenedDays', 5)).toBe(5);
      const dormant = all(inCohort(cohort), { field: 'engagement', operator: 'notOpenedDays', value: 30 });
      expect(await count(dormant)).toBe(4);
      const saved = await segment(dormant);
      expect((await api('GET', `/audience?segments=${saved.id}`)).body.data.selected).toBe(4);

      // "The last N days" is the application clock's: 25 days on, the 10-day-old open is 35 days old.
      const clock = strapi().plugin('email-campaigns').service('clock');
      clock.advance(25 * 86_400_000);
      try {
        expect(await count(dormant)).toBe(5);
        expect((await api('GET', `/segments/${saved.id}/count`)).body.data.count).toBe(5);
      } finally {
        clock.advance(-25 * 86_400_000);
      }

      const bad = await api('POST', '/segments/count', {
        rules: all(inCohort(cohort), { field: 'engagement', operator: 'notOpenedDays', value: 0 }),
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('rules.conditions[1]: notOpenedDays takes a whole number of days');
      const noCampaign = await api('POST', '/segments', {
        name: 'x',
        rules: all({ field: 'engagement', operator: 'opened', value: 'last' }),
      });
      expect(noCampaign.status).toBe(400);
      expect(noCampaign.body.error.message).toContain('opened takes a campaign id');
    });
  });
}
