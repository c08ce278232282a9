import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../../../server/src/constants';
import {
  GENEROUS_LIMITS,
  PUBLIC,
  linkIn,
  pathOf,
  plugin,
  postJson,
  setRateLimits,
  unique,
} from '../../fixtures/audience';
import { SIMPLE_MJML, clock, insertSubscribers } from '../../helpers/fixtures';
import { createLimitedAdmin } from '../../helpers/strapi';
import type { SuiteContext } from './context';

type Json = any;

const DAY = 24 * 60;
const stepMjml = (label: string) => SIMPLE_MJML.replace('this is {{ campaign.name }}', `this is ${label}`);

/**
 * Welcome and drip series (issue #13; docs/architecture.md, "Series"): enrollment at every way
 * onto a list, the steps as outbox rows at their delays, stops, pause, edits, the shared limits.
 */
export function seriesSuite(ctx: SuiteContext) {
  describe('series', () => {
    const strapi = () => ctx.app.strapi;
    let token = '';

    async function api(method: string, path: string, json?: unknown, as = token) {
      const res = await ctx.app.request(`/email-campaigns${path}`, { method, token: as, json });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
    }

    async function list(doubleOptIn: boolean) {
      const slug = unique(`series-${ctx.client}`);
      const res = await api('POST', '/lists', { name: `List ${slug}`, slug, doubleOptIn, public: true });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.data as { id: number; slug: string };
    }

    async function series(listId: number, delays: number[], extra: Record<string, unknown> = {}) {
      const name = unique('Welcome');
      const res = await api('POST', '/series', {
        name,
        listId,
        trigger: 'joined',
        steps: delays.map((delayMinutes, i) => ({
          delayMinutes,
          subject: `${name} #${i + 1}`,
          mjml: stepMjml(`step ${i + 1}`),
        })),
        ...extra,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.data as {
        id: number;
        name: string;
        steps: Array<{ id: number; campaignId: number; subject: string }>;
      };
    }

    async function addPerson(listIds: number[], prefix = 'person') {
      const email = `${unique(prefix)}@series.test`;
      const res = await api('POST', '/subscribers', { email, status: 'subscribed', lists: listIds });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return { id: Number(res.body.data.id), email };
    }

    // run() joins a run already going (a kick after send now or resume), so its outcomes are written when it returns.
    const tick = () => plugin(strapi()).service('sender').run();
    const advanceMinutes = (minutes: number) => clock(strapi()).advance(minutes * 60_000);
    const subjectsTo = (email: string) => ctx.smtp.to(email).map((mail) => mail.subject);
    const enrollmentsOf = (seriesId: number) =>
      strapi().db.connection(TABLES.seriesEnrollments).where('series_id', seriesId).orderBy('id').select('*');

    beforeAll(async () => {
      token = await ctx.app.login();
    });

    afterEach(() => clock(strapi()).reset());

    it('a three-step series: a person who confirms gets step 1 at once, steps 2 and 3 at their delays, each once', async () => {
      const restore = setRateLimits(strapi(), GENEROUS_LIMITS);
      try {
        const news = await list(true);
        const welcome = await series(news.id, [0, 2 * DAY, 7 * DAY], { trigger: 'confirmed' });
        const email = `${unique('confirmer')}@series.test`;
        expect((await postJson(ctx.app, `${PUBLIC}/subscribe`, { email, lists: [news.slug] })).status).toBe(200);
        await tick();
        const [confirmation] = ctx.smtp.to(email);
        expect(confirmation.subject).toBe('Please confirm your subscription');
        // Asking is not joining: nothing starts before the click.
        expect(await enrollmentsOf(welcome.id)).toEqual([]);
        expect((await ctx.app.request(pathOf(linkIn(confirmation, 'confirm')), { method: 'POST' })).status).toBe(200);

        await tick();
        expect(subjectsTo(email)).toEqual(['Please confirm your subscription', `${welcome.name} #1`]);
        await tick();
        advanceMinutes(2 * DAY - 5);
        await tick();
        expect(subjectsTo(email)).toHaveLength(2);
        advanceMinutes(5);
        await tick();
        await tick();
        expect(subjectsTo(email).slice(2)).toEqual([`${welcome.name} #2`]);
        advanceMinutes(5 * DAY);
        await tick();
        await tick();
        expect(subjectsTo(email).slice(2)).toEqual([`${welcome.name} #2`, `${welcome.name} #3`]);
        advanceMinutes(30 * DAY);
        await tick();
        expect(subjectsTo(email)).toHaveLength(4);

        const [enrollment] = await enrollmentsOf(welcome.id);
        expect(enrollment).toMatchObject({ state: 'done', next_step: 2 });
        const report = await api('GET', `/series/${welcome.id}`);
        expect(report.status).toBe(200);
        expect(report.body.data).toMatchObject({ enrolled: 1, active: 0, paused: false, list: { id: news.id } });
        expect(
          report.body.data.steps.map((s: Json) => [s.position, s.delayMinutes, s.counts.sent, s.counts.total]),
        ).toEqual([
          [1, 0, 1, 1],
          [2, 2 * DAY, 1, 1],
          [3, 7 * DAY, 1, 1],
        ]);
        // Step campaigns keep sending while the series lives: the tick's finish leaves them alone.
        const steps = await api('GET', '/campaigns?pageSize=100');
        const mine = steps.body.data.filter((c: Json) => c.seriesId === welcome.id);
        expect(mine.map((c: Json) => [c.seriesStep, c.status])).toEqual(
          expect.arrayContaining([
            [1, 'sending'],
            [2, 'sending'],
            [3, 'sending'],
          ]),
        );
      } finally {
        restore();
      }
    });

    it('the joined trigger enrolls on a list join without confirmation; a confirmed series waits for a confirmation', async () => {
      const open = await list(false);
      const joined = await series(open.id, [0]);
      const confirmed = await series(open.id, [0], { trigger: 'confirmed' });
      const person = await addPerson([open.id]);
      await tick();
      expect(subjectsTo(person.email)).toEqual([`${joined.name} #1`]);
      expect(await enrollmentsOf(confirmed.id)).toEqual([]);

      // Leaving and joining again does not start the series a second time.
      expect((await api('PUT', `/subscribers/${person.id}`, { lists: [] })).status).toBe(200);
      expect((await api('PUT', `/subscribers/${person.id}`, { lists: [open.id] })).status).toBe(200);
      await tick();
      expect(await enrollmentsOf(joined.id)).toHaveLength(1);
      expect(subjectsTo(person.email)).toHaveLength(1);
    });

    it('unsubscribing after step 1 or leaving the list stops the series: nothing more arrives', async () => {
      const open = await list(false);
      const drip = await series(open.id, [0, DAY, 2 * DAY]);
      const leaver = await addPerson([open.id], 'leaver');
      const mover = await addPerson([open.id], 'mover');
      const stayer = await addPerson([open.id], 'stayer');
      await tick();
      for (const person of [leaver, mover, stayer]) expect(subjectsTo(person.email)).toEqual([`${drip.name} #1`]);

      const [first] = ctx.smtp.to(leaver.email);
      expect((await ctx.app.request(pathOf(linkIn(first, 'unsubscribe')), { method: 'POST' })).status).toBe(200);
      expect((await api('PUT', `/subscribers/${mover.id}`, { lists: [] })).status).toBe(200);
      const states = Object.fromEntries(
        (await enrollmentsOf(drip.id)).map((e: Json) => [Number(e.subscriber_id), e.state]),
      );
      expect(states).toEqual({ [leaver.id]: 'stopped', [mover.id]: 'stopped', [stayer.id]: 'active' });

      advanceMinutes(3 * DAY);
      await tick();
      await tick();
      expect(subjectsTo(leaver.email)).toHaveLength(1);
      expect(subjectsTo(mover.email)).toHaveLength(1);
      expect(subjectsTo(stayer.email)).toEqual([`${drip.name} #1`, `${drip.name} #2`, `${drip.name} #3`]);
    });

    it("the provider's daily limit holds across series steps and campaigns together", async () => {
      const campaignList = await list(false);
      const seriesList = await list(false);
      await series(seriesList.id, [0], { provider: 'drip' });
      const readers = await insertSubscribers(strapi(), 20, { lists: [campaignList.id] });
      for (let i = 0; i < 20; i++) await addPerson([seriesList.id], 'drip');
      const created = await api('POST', '/campaigns', {
        name: unique('Beside the series'),
        subject: 'Campaign',
        mjml: SIMPLE_MJML,
        lists: [campaignList.id],
        provider: 'drip',
      });
      expect((await api('POST', `/campaigns/${created.body.data.id}/send`)).status).toBe(200);
      for (let i = 0; i < 3; i++) await tick();

      // What the day's window counts: every row that reached, or may have reached, the server.
      const drip = () => strapi().db.connection(TABLES.deliveries).where({ provider: 'drip' });
      const statuses = async () => JSON.stringify(await drip().groupBy('status').select('status').count({ n: '*' }));
      const counted = async () => Number((await drip().whereNotNull('sent_at').count({ n: '*' }))[0].n);
      expect(await counted(), await statuses()).toBe(30);
      expect(Number((await drip().where('status', 'queued').count({ n: '*' }))[0].n), await statuses()).toBe(10);
      expect(readers).toHaveLength(20);

      advanceMinutes(DAY + 1);
      for (let i = 0; i < 3; i++) await tick();
      expect(await counted(), await statuses()).toBe(40);
    });

    it('pausing the series holds every step, rows already queued included; resuming continues', async () => {
      const open = await list(false);
      const held = await series(open.id, [0, 60]);
      const early = await addPerson([open.id], 'early');
      await tick();
      expect(subjectsTo(early.email)).toEqual([`${held.name} #1`]);

      const late = await addPerson([open.id], 'late');
      // The step's row is in the outbox, not yet claimed, when the pause comes.
      await plugin(strapi()).service('seriesSteps').queueDue(clock(strapi()).now());
      const paused = await api('POST', `/series/${held.id}/pause`);
      expect(paused.body.data.paused).toBe(true);
      advanceMinutes(61);
      await tick();
      await tick();
      expect(subjectsTo(late.email)).toEqual([]);
      expect(subjectsTo(early.email)).toHaveLength(1);
      const stepCampaign = await api('GET', `/campaigns/${held.steps[0].campaignId}`);
      expect(stepCampaign.body.data).toMatchObject({ status: 'paused', pauseReason: 'The series is paused' });

      expect((await api('POST', `/series/${held.id}/resume`)).body.data.paused).toBe(false);
      await tick();
      await tick();
      // Both steps of `late` came due during the pause (61 minutes): they go out now, each once.
      expect(subjectsTo(late.email)).toEqual([`${held.name} #1`, `${held.name} #2`]);
      expect(subjectsTo(early.email)).toEqual([`${held.name} #1`, `${held.name} #2`]);
    });

    it('editing a delay re-times only steps not yet sent; a step added at the end reaches enrollments not done', async () => {
      const open = await list(false);
      const drip = await series(open.id, [0, 2 * DAY, 7 * DAY]);
      const ahead = await addPerson([open.id], 'ahead');
      await tick();
      advanceMinutes(2 * DAY);
      await tick();
      const behind = await addPerson([open.id], 'behind');
      await tick();
      expect(subjectsTo(ahead.email)).toEqual([`${drip.name} #1`, `${drip.name} #2`]);
      expect(subjectsTo(behind.email)).toEqual([`${drip.name} #1`]);

      const steps = drip.steps.map((step, i) => ({
        id: step.id,
        subject: step.subject,
        delayMinutes: [0, DAY, 3 * DAY][i],
      }));
      steps.push({ subject: `${drip.name} #4`, delayMinutes: 10 * DAY } as Json);
      const edited = await api('PUT', `/series/${drip.id}`, {
        name: drip.name,
        listId: open.id,
        trigger: 'joined',
        steps,
      });
      expect(edited.status, JSON.stringify(edited.body)).toBe(200);
      expect(edited.body.data.steps.map((s: Json) => s.delayMinutes)).toEqual([0, DAY, 3 * DAY, 10 * DAY]);

      const byPerson = Object.fromEntries(
        (await enrollmentsOf(drip.id)).map((e: Json) => [Number(e.subscriber_id), e]),
      );
      const dueIn = (e: Json) => Math.round((toMs(e.next_due_at) - toMs(e.enrolled_at)) / 60_000);
      // Step 2 was sent to `ahead`: unchanged for them; its new delay re-times `behind`, step 3 re-times `ahead`.
      expect([byPerson[ahead.id].next_step, dueIn(byPerson[ahead.id])]).toEqual([2, 3 * DAY]);
      expect([byPerson[behind.id].next_step, dueIn(byPerson[behind.id])]).toEqual([1, DAY]);

      // A step's content is edited in the campaign editor too, live; content that does not compile is refused.
      const third = `/campaigns/${drip.steps[2].campaignId}`;
      expect((await api('PUT', third, { subject: `${drip.name} #3, edited` })).status).toBe(200);
      const broken = await api('PUT', third, { mjml: '<mjml><mj-body>{% if %}</mj-body></mjml>' });
      expect([broken.status, broken.body.error.message]).toEqual([400, expect.stringContaining('keeps sending')]);

      advanceMinutes(DAY);
      await tick();
      await tick();
      expect(subjectsTo(ahead.email)).toEqual([`${drip.name} #1`, `${drip.name} #2`, `${drip.name} #3, edited`]);
      expect(subjectsTo(behind.email)).toEqual([`${drip.name} #1`, `${drip.name} #2`]);
      advanceMinutes(30 * DAY);
      await tick();
      await tick();
      expect(subjectsTo(ahead.email)).toHaveLength(4);
      expect(subjectsTo(behind.email)).toHaveLength(4);
    });

    it('refuses bad input with 400 and a message, writes need campaigns.send', async () => {
      const open = await list(false);
      const good = {
        name: 'Series',
        listId: open.id,
        trigger: 'joined',
        steps: [{ delayMinutes: 0, subject: 'Hi', mjml: SIMPLE_MJML }],
      };
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [{ ...good, trigger: 'sometimes' }, /trigger must be "confirmed" or "joined"/],
        [{ ...good, steps: [] }, /needs at least one step/],
        [
          {
            ...good,
            steps: [
              { delayMinutes: 60, subject: 'a' },
              { delayMinutes: 0, subject: 'b' },
            ],
          },
          /order they go out/,
        ],
        [{ ...good, steps: [{ delayMinutes: -1, subject: 'a' }] }, /greater than or equal to 0/],
        [{ ...good, listId: 99_999_999 }, /Unknown list id/],
        [{ ...good, provider: 'nowhere' }, /provider "nowhere" is not configured/],
        [{ ...good, status: 'sending' }, /cannot be set here: status/],
        [
          { ...good, steps: [{ delayMinutes: 0, subject: 'a', mjml: '<mjml><mj-body>{% if %}</mj-body></mjml>' }] },
          /step 1: fix 1 template error/,
        ],
        [{ ...good, steps: [{ id: 1, delayMinutes: 0, subject: 'a' }] }, /not steps of this series/],
        [
          {
            ...good,
            steps: [
              {
                delayMinutes: 0,
                subject: 'a',
                mjml: SIMPLE_MJML.replace('{{ unsubscribe_url }}', 'https://example.test'),
              },
            ],
          },
          /step 1: Add an unsubscribe link/,
        ],
      ];
      const before = await strapi().db.connection(TABLES.series).count({ n: '*' });
      for (const [body, message] of cases) {
        const res = await api('POST', '/series', body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.error.message).toMatch(message);
      }
      expect(await strapi().db.connection(TABLES.series).count({ n: '*' })).toEqual(before);
      expect((await api('GET', '/series/abc')).status).toBe(400);
      expect((await api('GET', '/series/99999999')).status).toBe(404);

      const reader = await createLimitedAdmin(strapi(), ['plugin::email-campaigns.read']);
      const readerToken = await ctx.app.login(reader.email, reader.password);
      expect((await api('GET', '/series', undefined, readerToken)).status).toBe(200);
      expect((await api('POST', '/series', good, readerToken)).status).toBe(403);
      const created = await api('POST', '/series', good);
      expect(created.status).toBe(201);
      for (const path of [`/series/${created.body.data.id}/pause`, `/series/${created.body.data.id}/resume`])
        expect((await api('POST', path, undefined, readerToken)).status).toBe(403);
      expect((await api('DELETE', `/series/${created.body.data.id}`, undefined, readerToken)).status).toBe(403);
      expect((await api('DELETE', `/series/${created.body.data.id}`)).status).toBe(200);
    });
  });
}

function toMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  return typeof value === 'number' || /^\d+$/.test(String(value)) ? Number(value) : new Date(String(value)).getTime();
}
