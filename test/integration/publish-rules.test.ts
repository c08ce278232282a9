/**
 * Publish rules on a real Strapi (SQLite) with a real SMTP server (docs/architecture.md, "Publish
 * rules"): articles published through the Content Manager and the REST API send one campaign per
 * entry to the rule's lists, never twice, never for an entry published before the rule; a weekly
 * digest over the application clock; every field of a rule changing what is sent; the admin API's
 * refusals and rights.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TABLES } from '../../server/src/constants';
import { clock, createList, insertSubscribers, sender } from '../helpers/fixtures';
import {
  ARTICLE,
  campaignsOfRule,
  createThroughRest,
  fullAccessToken,
  publishInContentManager,
  recordsOfRule,
  republishInContentManager,
  updateThroughRest,
  waitForRecord,
} from '../helpers/publish-rules';
import { solidPng } from '../helpers/png';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { bootStrapi, createLimitedAdmin, type TestStrapi } from '../helpers/strapi';

type Json = any;

const EACH_MJML = `<mjml><mj-body><mj-section><mj-column>
<mj-text><h1>{{ entry.title }}</h1><p>{{ entry.body }}</p></mj-text>
<mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button>
</mj-column></mj-section></mj-body></mjml>`;
const DIGEST_MJML = `<mjml><mj-body>{% for e in entries %}<mj-section><mj-column>
{% if e.cover %}<mj-image src="{{ e.cover.url }}" alt="{{ e.cover.alternativeText }}" />{% endif %}
<mj-text><h2>{{ e.title }}</h2>{{ e.summary | raw }}{{ e.content | raw }}</mj-text>
</mj-column></mj-section>{% endfor %}<mj-section><mj-column>
<mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button></mj-column></mj-section></mj-body></mjml>`;
const MINUTE = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let counter = 0;
const marker = (name: string) => `${name}-${++counter}-${Date.now().toString(36)}`;

describe('publish rules', () => {
  let app: TestStrapi;
  let smtp: TestSmtpServer;
  let token: string;
  let listA: number;
  let listB: number;
  let template: string;
  let digestTemplate: string;
  const AUDIENCE_A = 3;

  const rulesApi = async (path: string, init: { method?: string; json?: unknown; token?: string } = {}) => {
    const res = await app.request(`/email-campaigns/publish-rules${path}`, { token, ...init });
    return { status: res.status, body: (await res.json()) as Json };
  };

  /** A rule sending each article whose title holds the marker, to list A unless said otherwise. */
  async function createRule(fields: Record<string, unknown>) {
    const { status, body } = await rulesApi('', {
      method: 'POST',
      json: {
        name: 'Articles',
        contentType: ARTICLE,
        template,
        lists: [listA],
        mode: 'each',
        eachAction: 'send',
        ...fields,
      },
    });
    expect(status, JSON.stringify(body)).toBe(201);
    return body.data as Json;
  }

  const withMarker = (text: string) => [{ field: 'title', operator: 'contains', value: text }];

  /** Lets the hook record (it runs after the publish's commit), then runs the sender until idle. */
  async function settle() {
    await sleep(150);
    await sender(app.strapi).run();
    await sender(app.strapi).run();
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await bootStrapi({
      db: 'sqlite',
      smtp,
      env: { EMAIL_CAMPAIGNS_TEST_PROVIDERS: JSON.stringify({ other: {} }) },
    });
    token = await app.login();
    listA = Number((await createList(app.strapi)).id);
    listB = Number((await createList(app.strapi)).id);
    await insertSubscribers(app.strapi, AUDIENCE_A, { prefix: 'reader-a', lists: [listA] });
    await insertSubscribers(app.strapi, 2, { prefix: 'reader-b', lists: [listB] });
    const saved = async (mjml: string) => {
      const res = await app.request('/email-campaigns/templates', {
        method: 'POST',
        token,
        json: { name: 'Rule template', subject: 'From the site: {{ entry.title }}', mjml },
      });
      expect(res.status).toBe(201);
      return `template:${((await res.json()) as Json).data.id}`;
    };
    template = await saved(EACH_MJML);
    digestTemplate = await saved(DIGEST_MJML);
  }, 240_000);

  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  }, 240_000);

  beforeEach(() => smtp.clear());

  describe('each: one campaign per published entry', () => {
    it('the Content Manager path sends one campaign to the audience; republishing and editing send nothing more', async () => {
      const mark = marker('cm');
      const rule = await createRule({ conditions: withMarker(mark) });
      const documentId = await publishInContentManager(app, token, { title: `${mark} first`, body: 'Hello readers' });
      await waitForRecord(app.strapi, rule.id, documentId);
      await settle();
      expect(smtp.messages).toHaveLength(AUDIENCE_A);
      expect(new Set(smtp.messages.map((m) => m.envelope.to[0]))).toHaveProperty('size', AUDIENCE_A);
      expect(smtp.messages.every((m) => m.envelope.to[0].startsWith('reader-a'))).toBe(true);
      expect(smtp.messages[0].html).toContain(`${mark} first`);

      await republishInContentManager(app, token, documentId, { title: `${mark} edited`, body: 'Changed' });
      await republishInContentManager(app, token, documentId, { title: `${mark} edited twice`, body: 'Again' });
      await settle();
      expect(smtp.messages).toHaveLength(AUDIENCE_A);
      expect(await campaignsOfRule(app.strapi, rule.id)).toHaveLength(1);
      const [record] = await recordsOfRule(app.strapi, rule.id);
      expect(record).toMatchObject({ state: 'sent', entry_document_id: documentId });
    });

    it("the REST API's create (an API token) sends one campaign; its update, which publishes again, sends nothing more", async () => {
      const mark = marker('rest');
      const rule = await createRule({ conditions: withMarker(mark) });
      const apiToken = await fullAccessToken(app.strapi);
      const documentId = await createThroughRest(app, apiToken, { title: `${mark} by API`, body: 'From a script' });
      await waitForRecord(app.strapi, rule.id, documentId);
      await settle();
      expect(smtp.messages).toHaveLength(AUDIENCE_A);
      await updateThroughRest(app, apiToken, documentId, { title: `${mark} by API, edited` });
      await settle();
      expect(smtp.messages).toHaveLength(AUDIENCE_A);
      expect(await campaignsOfRule(app.strapi, rule.id)).toHaveLength(1);
    });

    it('an article that does not match the conditions sends nothing', async () => {
      const mark = marker('cond');
      const rule = await createRule({
        conditions: [...withMarker(mark), { field: 'category', operator: 'eq', value: 'news' }],
      });
      await publishInContentManager(app, token, { title: `${mark} event`, category: 'events' });
      const news = await publishInContentManager(app, token, { title: `${mark} news`, category: 'news' });
      await waitForRecord(app.strapi, rule.id, news);
      await settle();
      expect(smtp.messages).toHaveLength(AUDIENCE_A);
      expect(smtp.messages.every((m) => (m.html as string).includes(`${mark} news`))).toBe(true);
      expect(await recordsOfRule(app.strapi, rule.id)).toHaveLength(1);
    });

    it('an article published before the rule existed is never sent, even when republished after', async () => {
      const mark = marker('before');
      const documentId = await publishInContentManager(app, token, { title: `${mark} old` });
      const rule = await createRule({ conditions: withMarker(mark) });
      await republishInContentManager(app, token, documentId, { title: `${mark} old, revised` });
      await settle();
      expect(smtp.messages).toHaveLength(0);
      expect(await recordsOfRule(app.strapi, rule.id)).toEqual([]);
      const preexisting = await recordsOfRule(app.strapi, rule.id, ['preexisting']);
      expect(preexisting.map((record: Json) => record.entry_document_id)).toContain(documentId);
      expect((await rulesApi(`/${rule.id}/history`)).body.data.records).toEqual([]);
    });

    it('a title holding {{ subscriber.email }} or <script> arrives literally and escaped in every message', async () => {
      const mark = marker('hostile');
      const rule = await createRule({ conditions: withMarker(mark) });
      const title = `${mark} {{ subscriber.email }} <script>alert(1)</script>`;
      const documentId = await publishInContentManager(app, token, { title });
      await waitForRecord(app.strapi, rule.id, documentId);
      await settle();
      expect(smtp.messages).toHaveLength(AUDIENCE_A);
      for (const message of smtp.messages) {
        const html = message.html as string;
        expect(html).not.toContain('<script');
        expect(html).toContain('&lt;script&gt;');
        expect(html).not.toContain(message.envelope.to[0]);
        // The title is a heading, which the text part writes in capitals.
        expect(message.text?.toLowerCase()).toContain('{{ subscriber.email }} <script>alert(1)</script>');
        // The subject reads the entry per recipient too, and keeps its braces as text.
        expect(message.subject).toBe(`From the site: ${title}`);
      }
    });

    it('"draft for review" makes a campaign that sends nothing until an editor sends it', async () => {
      const mark = marker('review');
      const rule = await createRule({ conditions: withMarker(mark), eachAction: 'draft' });
      const documentId = await publishInContentManager(app, token, { title: `${mark} to review` });
      await waitForRecord(app.strapi, rule.id, documentId);
      await settle();
      const [campaign] = await campaignsOfRule(app.strapi, rule.id);
      expect(campaign.status).toBe('draft');
      expect(smtp.messages).toHaveLength(0);
      expect(await recordsOfRule(app.strapi, rule.id)).toMatchObject([{ state: 'held', campaign_id: campaign.id }]);

      const sent = await app.request(`/email-campaigns/campaigns/${campaign.id}/send`, { method: 'POST', token });
      expect(sent.status).toBe(200);
      await settle();
      expect(smtp.messages).toHaveLength(AUDIENCE_A);
      expect(smtp.messages[0].html).toContain(`${mark} to review`);
    });
  });

  describe('every field of a rule changes what is sent', () => {
    it('delayMinutes: the campaign is made only once the delay is over, and an entry unpublished meanwhile is dropped', async () => {
      const mark = marker('delay');
      const rule = await createRule({ conditions: withMarker(mark), eachAction: 'delay', delayMinutes: 30 });
      const kept = await publishInContentManager(app, token, { title: `${mark} kept` });
      const withdrawn = await publishInContentManager(app, token, { title: `${mark} withdrawn` });
      await waitForRecord(app.strapi, rule.id, kept);
      await waitForRecord(app.strapi, rule.id, withdrawn);
      await settle();
      expect(smtp.messages).toHaveLength(0);
      await app.strapi.documents(ARTICLE).unpublish({ documentId: withdrawn });
      clock(app.strapi).advance(31 * MINUTE);
      try {
        await settle();
      } finally {
        clock(app.strapi).reset();
      }
      expect(smtp.messages).toHaveLength(AUDIENCE_A);
      expect(smtp.messages.every((m) => (m.html as string).includes(`${mark} kept`))).toBe(true);
      const states = Object.fromEntries(
        (await recordsOfRule(app.strapi, rule.id)).map((r: Json) => [r.entry_document_id, r.state]),
      );
      expect(states).toEqual({ [kept]: 'sent', [withdrawn]: 'dropped' });
    });

    it('lists, provider and template: the rule’s lists get a campaign’s content through the rule’s provider', async () => {
      const mark = marker('lists');
      const source = await app.request('/email-campaigns/campaigns', {
        method: 'POST',
        token,
        json: { name: 'Source', subject: 'Straight from a campaign', mjml: EACH_MJML, lists: [listA] },
      });
      expect(source.status).toBe(201);
      const sourceId = ((await source.json()) as Json).data.id;
      const rule = await createRule({
        conditions: withMarker(mark),
        lists: [listB],
        provider: 'other',
        template: `campaign:${sourceId}`,
      });
      const documentId = await publishInContentManager(app, token, { title: `${mark} for B` });
      await waitForRecord(app.strapi, rule.id, documentId);
      await settle();
      expect(smtp.messages.map((m) => m.envelope.to[0]).sort()).toEqual([
        'reader-b-0@example.test',
        'reader-b-1@example.test',
      ]);
      expect(smtp.messages.map((m) => m.subject)).toEqual(['Straight from a campaign', 'Straight from a campaign']);
      const [campaign] = await campaignsOfRule(app.strapi, rule.id);
      expect(campaign.provider).toBe('other');
      const providers = await app.strapi.db
        .connection(TABLES.deliveries)
        .where('campaign_id', campaign.id)
        .distinct('provider');
      expect(providers).toEqual([{ provider: 'other' }]);
    });

    it('locales: a rule for other locales ignores a publish in none of them', async () => {
      const mark = marker('locales');
      const rule = await createRule({ conditions: withMarker(mark), locales: ['fr'] });
      const all = await createRule({ conditions: withMarker(mark) });
      const documentId = await publishInContentManager(app, token, { title: `${mark} untranslated` });
      await waitForRecord(app.strapi, all.id, documentId);
      await settle();
      expect(await recordsOfRule(app.strapi, rule.id)).toEqual([]);
      expect(await campaignsOfRule(app.strapi, all.id)).toHaveLength(1);
    });

    it('conditions changed: an entry published before the change that now matches is not sent', async () => {
      const mark = marker('widen');
      const fields = {
        name: 'Articles',
        contentType: ARTICLE,
        template,
        lists: [listA],
        mode: 'each',
        eachAction: 'send',
      };
      const rule = await createRule({
        conditions: [...withMarker(mark), { field: 'category', operator: 'eq', value: 'news' }],
      });
      await publishInContentManager(app, token, { title: `${mark} an event`, category: 'events' });
      await settle();
      const widened = await rulesApi(`/${rule.id}`, {
        method: 'PUT',
        json: { ...fields, conditions: withMarker(mark) },
      });
      expect(widened.status).toBe(200);
      const later = await publishInContentManager(app, token, { title: `${mark} a later event`, category: 'events' });
      await waitForRecord(app.strapi, rule.id, later);
      app.strapi.plugin('email-campaigns').service('publishTick').reconcileSoon();
      await settle();
      expect(smtp.messages).toHaveLength(AUDIENCE_A);
      expect(smtp.messages.every((m) => (m.html as string).includes(`${mark} a later event`))).toBe(true);
    });

    it('paused: nothing is recorded while paused, and entries published meanwhile are not sent after resuming', async () => {
      const mark = marker('paused');
      const rule = await createRule({ conditions: withMarker(mark) });
      expect((await rulesApi(`/${rule.id}/pause`, { method: 'POST' })).body.data.paused).toBe(true);
      const during = await publishInContentManager(app, token, { title: `${mark} during the pause` });
      await settle();
      expect(await recordsOfRule(app.strapi, rule.id)).toEqual([]);
      expect((await rulesApi(`/${rule.id}/resume`, { method: 'POST' })).body.data.paused).toBe(false);
      const after = await publishInContentManager(app, token, { title: `${mark} after the pause` });
      await waitForRecord(app.strapi, rule.id, after);
      await republishInContentManager(app, token, during, { title: `${mark} during the pause, again` });
      await settle();
      expect(smtp.messages).toHaveLength(AUDIENCE_A);
      expect(smtp.messages.every((m) => (m.html as string).includes(`${mark} after the pause`))).toBe(true);
    });
  });
  describe('digest: one campaign per period', () => {
    // Wednesday 3 March 2027; the digest is due on Mondays at 09:00 in Paris (08:00 UTC in winter).
    const WEDNESDAY = new Date('2027-03-03T10:00:00Z');
    const dueAfter = (weeks: number) => new Date(Date.parse('2027-03-08T08:01:00Z') + weeks * 7 * 24 * 60 * MINUTE);
    let tmp: string;

    beforeAll(async () => {
      tmp = await mkdtemp(path.join(tmpdir(), 'publish-rules-'));
    });
    afterAll(async () => {
      clock(app.strapi).reset();
      await rm(tmp, { recursive: true, force: true });
    });

    async function coverImage(alternativeText: string) {
      const filepath = path.join(tmp, 'cover.png');
      const bytes = solidPng(40, 20, [200, 30, 30]);
      await writeFile(filepath, bytes);
      const [file] = await app.strapi
        .plugin('upload')
        .service('upload')
        .upload({
          data: { fileInfo: { alternativeText } },
          files: { filepath, originalFilename: 'cover.png', mimetype: 'image/png', size: bytes.length },
        });
      return file;
    }

    it('collects exactly the entries recorded in each week, in order, with images, blocks and Markdown as HTML; nothing for an empty week', async () => {
      clock(app.strapi).set(WEDNESDAY);
      const mark = marker('digest');
      const rule = await createRule({
        name: 'Weekly',
        template: digestTemplate,
        conditions: withMarker(mark),
        mode: 'digest',
        eachAction: null,
        digest: { frequency: 'weekly', time: '09:00', timezone: 'Europe/Paris', weekday: 1 },
      });
      expect(rule.nextDigestAt).toBe('2027-03-08T08:00:00.000Z');
      const cover = await coverImage('A red square');
      const first = await publishInContentManager(app, token, {
        title: `${mark} first`,
        cover: cover.id,
        summary: 'Some **Markdown** here',
        content: [{ type: 'paragraph', children: [{ type: 'text', text: 'Blocks body', bold: true }] }],
      });
      const second = await publishInContentManager(app, token, { title: `${mark} second` });
      const withdrawn = await publishInContentManager(app, token, { title: `${mark} withdrawn` });
      for (const id of [first, second, withdrawn]) await waitForRecord(app.strapi, rule.id, id);
      await settle();
      expect(smtp.messages).toHaveLength(0);

      const preview = (await rulesApi(`/${rule.id}/preview`)).body.data;
      expect(preview).toMatchObject({ entries: 3, dueAt: '2027-03-08T08:00:00.000Z' });
      expect(preview.html).toContain(`${mark} second`);

      await app.strapi.documents(ARTICLE).unpublish({ documentId: withdrawn });
      clock(app.strapi).set(dueAfter(0));
      await settle();
      expect(smtp.messages).toHaveLength(AUDIENCE_A);
      for (const message of smtp.messages) {
        const html = message.html as string;
        expect(html.indexOf(`${mark} first`)).toBeLessThan(html.indexOf(`${mark} second`));
        expect(html).not.toContain(`${mark} withdrawn`);
        expect(html).toMatch(new RegExp(`<img[^>]+src="${app.url}/uploads/[^"]+\\.png"`));
        expect(html).toContain('alt="A red square"');
        expect(html).toContain('<strong>Markdown</strong>');
        expect(html).toContain('<strong>Blocks body</strong>');
      }

      smtp.clear();
      const third = await publishInContentManager(app, token, { title: `${mark} third` });
      await waitForRecord(app.strapi, rule.id, third);
      await republishInContentManager(app, token, first, { title: `${mark} first, revised` });
      clock(app.strapi).set(dueAfter(1));
      await settle();
      expect(smtp.messages).toHaveLength(AUDIENCE_A);
      expect(smtp.messages.every((m) => (m.html as string).includes(`${mark} third`))).toBe(true);
      expect(smtp.messages.some((m) => (m.html as string).includes(`${mark} first`))).toBe(false);

      smtp.clear();
      clock(app.strapi).set(dueAfter(2));
      await settle();
      expect(smtp.messages).toHaveLength(0);
      expect(await campaignsOfRule(app.strapi, rule.id)).toHaveLength(2);
      expect((await rulesApi(`/${rule.id}`)).body.data.nextDigestAt).toBe('2027-03-29T07:00:00.000Z');
      const states = (await recordsOfRule(app.strapi, rule.id)).map((r: Json) => r.state).sort();
      expect(states).toEqual(['dropped', 'sent', 'sent', 'sent']);
    });
  });

  describe('admin API', () => {
    const base = { name: 'R', contentType: ARTICLE, lists: [] as number[], mode: 'each', eachAction: 'send' };

    it('refuses what cannot work with a 400 that names it, and writes nothing', async () => {
      const before = (await rulesApi('')).body.data.length;
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [{ contentType: 'api::nothing.nothing' }, /Unknown content type/],
        [{ contentType: 'api::author.author' }, /no Draft & Publish/],
        [{ conditions: [{ field: 'colour', operator: 'eq', value: 'red' }] }, /has no field "colour"/],
        [{ conditions: [{ field: 'cover', operator: 'eq', value: 'x' }] }, /is a media/],
        [{ lists: [999999] }, /Unknown list/],
        [{ template: 'template:999999' }, /Unknown template/],
        [{ template: 'starter-nothing' }, /Unknown template/],
        [{ provider: 'nowhere' }, /Unknown provider/],
        [{ mode: 'digest', digest: { frequency: 'daily', time: '25:00', timezone: 'UTC' } }, /HH:mm/],
        [{ mode: 'digest', digest: { frequency: 'daily', time: '09:00', timezone: 'Europe/Atlantis' } }, /IANA/],
      ];
      for (const [fields, message] of cases) {
        const { status, body } = await rulesApi('', {
          method: 'POST',
          json: { ...base, template, lists: [listA], ...fields },
        });
        expect(status, JSON.stringify(fields)).toBe(400);
        expect(body.error.message).toMatch(message);
      }
      expect((await rulesApi('')).body.data.length).toBe(before);
      expect((await rulesApi('/999999')).status).toBe(404);
    });

    it('reads need read, writes need campaigns.send', async () => {
      const reader = await createLimitedAdmin(app.strapi, ['plugin::email-campaigns.read']);
      const readerToken = await app.login(reader.email, reader.password);
      const rule = await createRule({ conditions: withMarker(marker('rights')) });
      expect((await rulesApi('', { token: readerToken })).status).toBe(200);
      expect((await rulesApi(`/${rule.id}/history`, { token: readerToken })).status).toBe(200);
      const json = { ...base, template, lists: [listA] };
      expect((await rulesApi('', { method: 'POST', json, token: readerToken })).status).toBe(403);
      expect((await rulesApi(`/${rule.id}`, { method: 'PUT', json, token: readerToken })).status).toBe(403);
      expect((await rulesApi(`/${rule.id}/pause`, { method: 'POST', token: readerToken })).status).toBe(403);
    });
  });
});
