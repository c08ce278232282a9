/**
 * Strapi entries as templates see them (docs/architecture.md, "Content in templates"), against the
 * real Strapi: an article with a cover uploaded through the upload plugin, an author with an
 * avatar, blocks content, Markdown, a component and a dynamic zone, loaded by `entryContent`,
 * offered to editors through `POST /content/entries`, and sent through real SMTP. SQLite only:
 * nothing here depends on the database beyond what the Document Service does on every one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UID } from '../../server/src/constants';
import { ARTICLE, createRichArticle } from '../helpers/articles';
import { createList, insertSubscribers, sender } from '../helpers/fixtures';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { bootStrapi, createLimitedAdmin, type TestStrapi } from '../helpers/strapi';

type Json = any;

const DIGEST_MJML = `<mjml><mj-body><mj-section><mj-column>
  {% for e in entries %}
  <mj-image src="{{ e.cover.url }}" alt="{{ e.cover.alternativeText }}" />
  <mj-text><h1>{{ e.title }}</h1>{{ e.summary | raw }}{{ e.content | raw }}</mj-text>
  <mj-text>By {{ e.author.name }} <img src="{{ e.author.avatar.formats.thumbnail.url | default: e.author.avatar.url }}" alt="{{ e.author.avatar.alternativeText }}"></mj-text>
  <mj-text>Quote: {{ e.quote.text }} ({{ e.quote.by }})</mj-text>
  <mj-text>{% for s in e.sections %}[{{ s.__component }}: {{ s.text }}{{ s.label }}]{% endfor %}</mj-text>
  {% endfor %}
  <mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button>
</mj-column></mj-section></mj-body></mjml>`;

describe('entry content', () => {
  let app: TestStrapi;
  let smtp: TestSmtpServer;
  let token: string;
  let rich: Awaited<ReturnType<typeof createRichArticle>>;
  let hostile: Awaited<ReturnType<typeof createRichArticle>>;
  const entryContent = () => app.strapi.plugin('email-campaigns').service('entryContent');

  async function entriesApi(json: unknown, bearer = token) {
    const res = await app.request('/email-campaigns/content/entries', { method: 'POST', token: bearer, json });
    return { status: res.status, body: (await res.json()) as Json };
  }

  /** Sends a campaign holding `entries` to one subscriber and returns the message. */
  async function send(entries: Json[]) {
    const list = await createList(app.strapi);
    await insertSubscribers(app.strapi, 1, { lists: [list.id], prefix: `reader-${Date.now()}` });
    await app.strapi.documents(UID.campaign).create({
      data: {
        name: `entries-${Date.now()}`,
        subject: 'Harbour news',
        mjml: DIGEST_MJML,
        provider: 'main',
        status: 'scheduled',
        scheduledAt: new Date(0),
        lists: [list.documentId],
        entries,
      } as Json,
    });
    const before = smtp.received();
    await sender(app.strapi).run();
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    return mail;
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await bootStrapi({ db: 'sqlite', smtp: { host: smtp.host, port: smtp.port } });
    token = await app.login();
    rich = await createRichArticle(app.strapi);
    hostile = await createRichArticle(app.strapi, {
      title: '{{ subscriber.email }} <script>alert(1)</script>',
      summary: 'Hi {{ subscriber.email }} <script>alert(2)</script> [x](javascript:alert(3))',
      paragraph: '{{ subscriber.email }} <script>alert(4)</script>',
    });
  });

  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  });

  describe('entryContent.load', () => {
    it('gives a published article with media, relation, blocks and Markdown as HTML, components and zone', async () => {
      const [entry] = await entryContent().load(ARTICLE, [rich.article.documentId]);
      expect(entry.cover).toMatchObject({
        url: `${app.url}${rich.cover.url}`,
        alternativeText: 'The harbour at dawn',
        width: 400,
        height: 267,
        mime: 'image/png',
      });
      expect(entry.cover.formats.thumbnail.url).toMatch(new RegExp(`^${app.url}/uploads/thumbnail_`));
      expect(entry.author).toMatchObject({
        name: 'Ada Writer',
        avatar: { url: `${app.url}${rich.avatar.url}`, alternativeText: 'Portrait of Ada' },
      });
      expect(entry.summary).toBe('<p>A <strong>new</strong> harbour.</p>');
      expect(entry.content).toContain('<h2>What changes</h2>');
      expect(entry.content).toContain('<a href="https://example.com/harbour">read the plan</a>');
      expect(entry.content).toContain(`<img src="${app.url}${rich.cover.url}" alt="The harbour at dawn"`);
      expect(entry.quote).toMatchObject({ text: 'Ships come home', by: 'The harbour master' });
      expect(entry.sections).toEqual([
        expect.objectContaining({ __component: 'shared.quote', text: 'Zone quote', by: 'Zone author' }),
        expect.objectContaining({ __component: 'shared.link', label: 'Timetable' }),
      ]);
      expect(entry).not.toHaveProperty('createdBy');
      expect(entry).not.toHaveProperty('updatedBy');
    });

    it('keeps the order asked and leaves out drafts and unknown ids', async () => {
      const draft = await app.strapi.documents(ARTICLE).create({ data: { title: 'Only a draft' } as Json });
      const entries = await entryContent().load(ARTICLE, [
        hostile.article.documentId,
        draft.documentId,
        'missing',
        rich.article.documentId,
      ]);
      expect(entries.map((entry: Json) => entry.documentId)).toEqual([
        hostile.article.documentId,
        rich.article.documentId,
      ]);
    });
  });

  describe('locales', () => {
    it('reads a localised type in the language asked, and a type without i18n whatever the language', async () => {
      const notices = app.strapi.documents('api::notice.notice' as never);
      const notice = (await notices.create({ data: { title: 'Harbour closed' }, locale: 'en' } as never)) as Json;
      await notices.update({ documentId: notice.documentId, locale: 'vi', data: { title: 'Cảng đóng cửa' } } as never);
      const [vi] = await entryContent().load('api::notice.notice', [notice.documentId], 'vi');
      expect(vi).toMatchObject({ title: 'Cảng đóng cửa', locale: 'vi' });
      const [article] = await entryContent().load(ARTICLE, [rich.article.documentId], 'vi');
      expect(article).toMatchObject({ title: 'Harbour news' });
    });
  });

  describe('POST /content/entries', () => {
    it('answers the entries as entryContent gives them', async () => {
      const res = await entriesApi({ uid: ARTICLE, documentIds: [rich.article.documentId] });
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual(
        JSON.parse(JSON.stringify(await entryContent().load(ARTICLE, [rich.article.documentId]))),
      );
    });

    it('refuses bad input with 400 and a message', async () => {
      for (const json of [
        { uid: 'plugin::email-campaigns.subscriber', documentIds: ['a'] },
        { uid: 'api::nothing.nothing', documentIds: ['a'] },
        { uid: ARTICLE, documentIds: [] },
        { uid: ARTICLE, documentIds: ['a'], extra: 1 },
        { uid: ARTICLE, documentIds: ['a'], locale: '<x>' },
      ]) {
        const res = await entriesApi(json);
        expect(res.status, JSON.stringify(json)).toBe(400);
        expect(res.body.error.message).toBeTruthy();
      }
    });

    it('needs campaigns.write and the Content Manager read of that type, its fields and conditions', async () => {
      const writer = await createLimitedAdmin(app.strapi, ['plugin::email-campaigns.campaigns.write']);
      const writerToken = await app.login(writer.email, writer.password);
      const refused = await entriesApi({ uid: ARTICLE, documentIds: [rich.article.documentId] }, writerToken);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain('Content Manager');

      // The same editor once their role may read articles in the Content Manager.
      const user = await app.strapi.db
        .query('admin::user')
        .findOne({ where: { email: writer.email }, populate: ['roles'] });
      await app.strapi.service('admin::role').assignPermissions(user.roles[0].id, [
        { action: 'plugin::email-campaigns.campaigns.write', subject: null, properties: {}, conditions: [] },
        {
          action: 'plugin::content-manager.explorer.read',
          subject: ARTICLE,
          properties: { fields: ['title'] },
          conditions: [],
        },
      ]);
      const allowed = await entriesApi({ uid: ARTICLE, documentIds: [rich.article.documentId] }, writerToken);
      expect(allowed.status).toBe(200);
      // Their role reads the title only: nothing else of the entry comes along.
      expect(allowed.body.data[0].title).toBe('Harbour news');
      expect(allowed.body.data[0]).not.toHaveProperty('summary');
      expect(allowed.body.data[0]).not.toHaveProperty('cover');

      // "Is creator": entries made by someone else are not theirs to read.
      const creator = await createLimitedAdmin(app.strapi, ['plugin::email-campaigns.campaigns.write']);
      const creatorUser = await app.strapi.db
        .query('admin::user')
        .findOne({ where: { email: creator.email }, populate: ['roles'] });
      await app.strapi.service('admin::role').assignPermissions(creatorUser.roles[0].id, [
        { action: 'plugin::email-campaigns.campaigns.write', subject: null, properties: {}, conditions: [] },
        {
          action: 'plugin::content-manager.explorer.read',
          subject: ARTICLE,
          properties: { fields: ['title', 'summary'] },
          conditions: ['admin::is-creator'],
        },
      ]);
      const creatorToken = await app.login(creator.email, creator.password);
      const notTheirs = await entriesApi({ uid: ARTICLE, documentIds: [rich.article.documentId] }, creatorToken);
      expect(notTheirs.status).toBe(200);
      expect(notTheirs.body.data).toEqual([]);

      const reader = await createLimitedAdmin(app.strapi, ['plugin::email-campaigns.read']);
      const readerToken = await app.login(reader.email, reader.password);
      const noWrite = await entriesApi({ uid: ARTICLE, documentIds: [rich.article.documentId] }, readerToken);
      expect(noWrite.status).toBe(403);
    });
  });

  describe('a campaign holding them', () => {
    it('sends the image with its alt text, the rich text as HTML, the author, the component and the zone', async () => {
      const { body } = await entriesApi({ uid: ARTICLE, documentIds: [rich.article.documentId] });
      const html = (await send(body.data)).html as string;
      expect(html).toContain(`src="${app.url}${rich.cover.url}"`);
      expect(html).toContain('alt="The harbour at dawn"');
      expect(html).toContain('<p>A <strong>new</strong> harbour.</p>');
      expect(html).toContain('<h2>What changes</h2>');
      expect(html).toContain('<strong> Really</strong>');
      expect(html).toContain('<li>New quays</li>');
      expect(html).toContain('By Ada Writer');
      expect(html).toContain('alt="Portrait of Ada"');
      expect(html).toContain('Quote: Ships come home (The harbour master)');
      expect(html).toContain('[shared.quote: Zone quote][shared.link: Timetable]');
    });

    it('delivers Liquid and HTML in an entry literally, escaped or sanitised, never run', async () => {
      const { body } = await entriesApi({ uid: ARTICLE, documentIds: [hostile.article.documentId] });
      const mail = await send(body.data);
      const html = mail.html as string;
      const recipient = mail.envelope.to[0];
      expect(html).not.toContain(recipient);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/javascript:/i);
      // The title (plain text), the Markdown and the blocks each keep their Liquid as text.
      expect(html).toContain('<h1>&#123;&#123; subscriber.email }} &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
      expect(html).toContain('<p>Hi &#123;&#123; subscriber.email }}  <span>x</span></p>');
      expect(html).toContain('&#123;&#123; subscriber.email }} &lt;script&gt;alert(4)&lt;/script&gt;');
      expect(mail.text).toContain('{{ subscriber.email }}');
    });
  });
});
