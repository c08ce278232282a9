import { beforeAll, describe, expect, it } from 'vitest';
import { createLimitedAdmin } from '../../helpers/strapi';
import { waitUntil } from '../../helpers/outbox-fixtures';
import type { Knex } from 'knex';
import type { Dialect } from '../../../server/src/database/connection';
import { linkIds } from '../../../server/src/services/tracking/link-rows';
import { TABLES, UID } from '../../../server/src/constants';
import type { SuiteContext } from './context';

type Json = any;

const section = (body: string) =>
  `<mjml><mj-body><mj-section><mj-column>${body}</mj-column></mj-section></mj-body></mjml>`;

const CLEAN = `
  <mj-image src="https://cdn.example.test/harbour.png" alt="A harbour at dawn" width="300px" />
  <mj-text>Hello {{ subscriber.name }}, <a href="https://example.test/read">read on</a>.</mj-text>
  <mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button>`;

/** One crafted campaign per check before sending, and the words its refusal must hold. */
const CRAFTED: Array<[string, string, RegExp]> = [
  ['unsubscribe', CLEAN.replace('{{ unsubscribe_url }}', 'https://example.test/leave'), /Add an unsubscribe link/],
  ['alt-text', CLEAN.replace(' alt="A harbour at dawn"', ''), /Give every image alternative text.*harbour\.png/],
  ['link-schemes', CLEAN.replace('https://example.test/read', 'javascript:alert(1)'), /http, https, mailto or tel/],
  ['size', `${CLEAN}<mj-text>${'Long text. '.repeat(11_000)}</mj-text>`, /Gmail clips messages over 102 KB/],
  [
    'text-part',
    '<mj-image src="https://cdn.example.test/a.png" alt="A" /><mj-button href="{{ unsubscribe_url }}"> </mj-button>',
    /plain-text part is empty/,
  ],
  ['merge-tags', CLEAN.replace('Hello', 'Hello *|FNAME|*'), /Merge tags were left unsubstituted.*\*\|FNAME\|\*/],
];

export function composingSuite(ctx: SuiteContext) {
  describe('checks before sending and templates', () => {
    const strapi = () => ctx.app.strapi;
    let token = '';
    let seq = 0;
    const unique = (prefix: string) => `${prefix}-${ctx.client}-${Date.now().toString(36)}-${++seq}`;

    async function api(method: string, path: string, json?: unknown, as = token) {
      const res = await ctx.app.request(`/email-campaigns${path}`, { method, token: as, json });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
    }

    let listId = 0;
    beforeAll(async () => {
      token = await ctx.app.login();
      const slug = unique('checks');
      const list = await strapi()
        .documents(UID.list)
        .create({ data: { name: slug, slug, doubleOptIn: false } as Json });
      listId = list.id as number;
      await strapi()
        .documents(UID.subscriber)
        .create({ data: { email: `${slug}@checks.test`, status: 'subscribed', lists: [list.documentId] } as Json });
    });

    async function campaign(body: string) {
      const created = await api('POST', '/campaigns', {
        name: unique('checks'),
        subject: 'Hello {{ subscriber.name }}',
        mjml: section(body),
        lists: [listId],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body.data.id as number;
    }

    it.each(CRAFTED)('"%s" fires in the preview and blocks Send now with its message', async (id, body, words) => {
      const campaignId = await campaign(body);
      const preview = await api('POST', `/campaigns/${campaignId}/preview`, {});
      const failed = preview.body.data.checks.filter((check: Json) => !check.ok);
      expect(failed.map((check: Json) => check.id)).toEqual([id]);

      const refused = await api('POST', `/campaigns/${campaignId}/send`);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/^The campaign cannot be sent yet: /);
      expect(refused.body.error.message).toMatch(words);
      expect(refused.body.error.details.checks.map((check: Json) => check.id)).toEqual([id]);
      const schedule = { scheduledAt: '2030-01-01T00:00:00Z', timezone: 'UTC' };
      expect((await api('POST', `/campaigns/${campaignId}/schedule`, schedule)).status).toBe(400);
      expect((await api('GET', `/campaigns/${campaignId}`)).body.data.status).toBe('draft');
    });

    it('names every failing check at once, and a clean campaign passes all of them and sends', async () => {
      const messy = await campaign(CLEAN.replace(' alt="A harbour at dawn"', '').replace('{{ unsubscribe_url }}', '#'));
      const refused = await api('POST', `/campaigns/${messy}/send`);
      expect(refused.body.error.details.checks.map((check: Json) => check.id)).toEqual([
        'unsubscribe',
        'alt-text',
        'link-schemes',
      ]);

      const clean = await campaign(CLEAN);
      const preview = await api('POST', `/campaigns/${clean}/preview`, {});
      expect(preview.body.data.checks).toHaveLength(6);
      expect(preview.body.data.checks.every((check: Json) => check.ok)).toBe(true);
      expect((await api('POST', `/campaigns/${clean}/send`)).status).toBe(200);
      // Nothing of this suite is left queued for another's sender run.
      expect((await api('POST', `/campaigns/${clean}/cancel`)).status).toBe(200);
    });

    it('tracking off globally: a campaign asking for people tracking sends no tracked link and no pixel', async () => {
      const campaignId = await campaign(CLEAN);
      const asked = await api('PUT', `/campaigns/${campaignId}`, { tracking: { mode: 'people' } });
      expect(asked.body.data.tracking).toEqual({ mode: 'people', opens: true, clicks: true });
      expect((await api('POST', `/campaigns/${campaignId}/send`)).status).toBe(200);
      await strapi().plugin('email-campaigns').service('sender').run();
      // Its own message: another test's campaign may go out in the same run.
      const mail = await waitUntil('the campaign message', () =>
        ctx.smtp.messages.find((m) => m.parsed.messageId?.includes(`.c${campaignId}.`)),
      );
      expect(mail.html).toContain('href="https://example.test/read"');
      expect(mail.html).not.toMatch(/\/api\/email-campaigns\/[lo]\//);
      // No campaign-link row either: nothing is tracked, so nothing is stored for it.
      const links = await strapi().db.connection(TABLES.campaignLinks).where('campaign_id', campaignId).select('id');
      expect(links).toEqual([]);
    });

    it("stores a campaign's tracked links once per URL, set-based, a second insert of them reading the same ids", async () => {
      // What the sender does where a site tracks; a second language or instance inserts the same URLs.
      const campaignId = await campaign(CLEAN);
      const db = strapi().db.connection as unknown as Knex;
      const client = strapi().db.config.connection.client as Dialect;
      const urls = ['https://example.test/a', 'https://example.test/b?x=1&y=2'];
      const first = await linkIds(db, client, campaignId, urls);
      expect(await linkIds(db, client, campaignId, [urls[1], 'https://example.test/c', urls[0]])).toEqual([
        first[1],
        expect.any(Number),
        first[0],
      ]);
      const rows = await db(TABLES.campaignLinks).where('campaign_id', campaignId).orderBy('id').select('url');
      expect(rows.map((row: Json) => row.url)).toEqual([...urls, 'https://example.test/c']);
    });

    it('lists the three starters with thumbnails, saves, lists and deletes a template under RBAC', async () => {
      const listed = await api('GET', '/templates');
      expect(listed.status).toBe(200);
      const starters = listed.body.data.filter((t: Json) => t.starter);
      expect(starters.map((t: Json) => t.key)).toEqual([
        'starter-newsletter',
        'starter-announcement',
        'starter-digest',
      ]);
      for (const starter of starters) expect(starter.html).toMatch(/^<!doctype html>/i);

      const input = { name: unique('template'), subject: 'Hi', preheader: 'Soon', mjml: section(CLEAN) };
      const reader = await createLimitedAdmin(strapi(), ['plugin::email-campaigns.read']);
      const readerToken = await ctx.app.login(reader.email, reader.password);
      expect((await api('GET', '/templates', undefined, readerToken)).status).toBe(200);
      expect((await api('POST', '/templates', input, readerToken)).status).toBe(403);

      const saved = await api('POST', '/templates', input);
      expect(saved.status).toBe(201);
      expect(saved.body.data).toMatchObject({ name: input.name, subject: 'Hi', starter: false, mjml: input.mjml });
      expect(saved.body.data.html).toContain('A harbour at dawn');
      const again = await api('GET', '/templates');
      expect(again.body.data.map((t: Json) => t.name)).toContain(input.name);

      expect((await api('DELETE', `/templates/${saved.body.data.id}`, undefined, readerToken)).status).toBe(403);
      expect((await api('DELETE', `/templates/${saved.body.data.id}`)).status).toBe(200);
      expect((await api('DELETE', `/templates/${saved.body.data.id}`)).status).toBe(404);
    });

    it('refuses a template that does not compile, or is malformed, with a 400 and writes nothing', async () => {
      const before = await strapi().db.query(UID.template).count();
      const broken = await api('POST', '/templates', {
        name: 'Broken',
        mjml: section('<mj-text>{% if x %}</mj-text>'),
      });
      expect(broken.status).toBe(400);
      expect(broken.body.error.message).toMatch(/fix 1 template error/);
      for (const [body, words] of [
        [{ name: 'No MJML' }, /mjml must be defined|mjml is a required field/],
        [{ name: ' ', mjml: '<mjml/>' }, /name cannot be blank/],
        [{ name: 'Extra', mjml: '<mjml/>', html: '<p>' }, /cannot be set here: html/],
      ] as const) {
        const res = await api('POST', '/templates', body);
        expect(res.status, JSON.stringify(res.body)).toBe(400);
        expect(res.body.error.message).toMatch(words);
      }
      expect((await api('DELETE', '/templates/abc')).status).toBe(400);
      expect(await strapi().db.query(UID.template).count()).toBe(before);
    });
  });
}
