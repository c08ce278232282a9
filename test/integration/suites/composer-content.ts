import { createHash, randomBytes } from 'node:crypto';
import fsPromises from 'node:fs/promises';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SuiteContext } from './context';
import { createList, insertSubscribers } from '../../helpers/fixtures';
import { createLimitedAdmin } from '../../helpers/strapi';
import {
  GENEROUS_LIMITS,
  PUBLIC,
  TABLES,
  mailTo,
  postForm,
  setRateLimits,
  subscriberByEmail,
  unique,
} from '../../fixtures/audience';

type Json = any;

const MB = 1024 * 1024;

const mjml = (text: string) => `<mjml><mj-body><mj-section><mj-column>
<mj-text>${text} {{ subscriber.email }}</mj-text>
<mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button>
</mj-column></mj-section></mj-body></mjml>`;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Issue #11, the content half of the composer: attachments from the Media Library and one
 * campaign in several languages, end to end through the admin API, the sender and SMTP.
 */
export function composerContentSuite(ctx: SuiteContext) {
  describe('composer: attachments and languages', () => {
    const strapi = () => ctx.app.strapi;
    const service = (name: string) => strapi().plugin('email-campaigns').service(name);
    let token = '';
    let tmp = '';
    const uploaded: Json[] = [];

    async function api(method: string, pathname: string, json?: unknown) {
      const res = await ctx.app.request(`/email-campaigns${pathname}`, { method, token, json });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
    }

    /** A file in the Media Library, stored by the upload plugin's local provider. */
    async function upload(name: string, bytes: Buffer) {
      const filepath = path.join(tmp, name);
      await writeFile(filepath, bytes);
      const [file] = await strapi()
        .plugin('upload')
        .service('upload')
        .upload({
          data: {},
          files: { filepath, originalFilename: name, mimetype: 'application/pdf', size: bytes.length },
        });
      uploaded.push(file);
      return file;
    }

    async function campaignOf(lists: Array<{ id: number }>, fields: Record<string, unknown>) {
      const res = await api('POST', '/campaigns', {
        name: unique('composer'),
        subject: 'News',
        mjml: mjml('Hello'),
        lists: lists.map((l) => l.id),
        ...fields,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.meta.errors).toEqual([]);
      return res.body.data;
    }

    const campaignCount = () => strapi().db.query('plugin::email-campaigns.campaign').count();

    /**
     * The messages that reached these subscribers, once each has at least one: mail left in the
     * outbox by other suites (confirmations, ...) may go out in the same run and is not counted.
     */
    async function mailsTo(ids: number[]) {
      const emails: string[] = await strapi().db.connection(TABLES.subscribers).whereIn('id', ids).pluck('email');
      const wanted = new Set(emails.map((email) => email.toLowerCase()));
      const mine = () => ctx.smtp.messages.filter((m) => wanted.has(m.envelope.to[0].toLowerCase()));
      const deadline = Date.now() + 30_000;
      while (new Set(mine().map((m) => m.envelope.to[0])).size < wanted.size && Date.now() < deadline) {
        await service('sender').run();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return mine();
    }

    beforeAll(async () => {
      token = await ctx.app.login();
      tmp = await mkdtemp(path.join(os.tmpdir(), 'ec-attachments-'));
      const locales = strapi().plugin('i18n').service('locales');
      if (!(await locales.findByCode('vi'))) await locales.create({ code: 'vi', name: 'Vietnamese (vi)' });
    });

    afterAll(async () => {
      for (const file of uploaded) await strapi().plugin('upload').service('upload').remove(file);
      if (tmp) await rm(tmp, { recursive: true, force: true });
    });

    beforeEach(() => ctx.smtp.clear());

    it('sends a 1 MB attachment intact in every message of a 100-recipient campaign, read from storage once; refuses 6 MB on save', async () => {
      const bytes = randomBytes(MB);
      const file = await upload(`${unique('report')}.pdf`, bytes);
      const big = await upload(`${unique('big')}.pdf`, randomBytes(6 * MB));
      const list = await createList(strapi());
      const audience = await insertSubscribers(strapi(), 100, { lists: [list.id] });

      // 6 MB is over the default cap of 5 MB: refused on save with a message, nothing written.
      const before = await campaignCount();
      const refused = await api('POST', '/campaigns', { name: unique('too-big'), attachments: [big.id] });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/attachments total 6\.0 MB, over the limit of 5\.0 MB per message/);
      expect(await campaignCount()).toBe(before);
      expect((await api('POST', '/campaigns', { name: unique('nofile'), attachments: [987654] })).status).toBe(400);

      const campaign = await campaignOf([list], { attachments: [file.id] });
      // The upload plugin keeps sizes in kilobytes rounded to two decimals: within 10 bytes.
      expect(campaign.attachmentFiles).toMatchObject([{ id: file.id, name: file.name, mime: 'application/pdf' }]);
      expect(Math.abs(campaign.attachmentFiles[0].bytes - MB)).toBeLessThanOrEqual(10);
      expect(campaign.maxAttachmentBytes).toBe(5 * MB);
      const edit = await api('PUT', `/campaigns/${campaign.id}`, { attachments: [file.id, big.id] });
      expect(edit.status).toBe(400);
      expect((await api('GET', `/campaigns/${campaign.id}`)).body.data.attachments).toEqual([file.id]);

      // The cap is the site's setting: lowered under 1 MB, the same file is refused on save and before sending.
      const key = 'plugin::email-campaigns.maxAttachmentBytes';
      strapi().config.set(key, 512 * 1024);
      try {
        expect((await api('PUT', `/campaigns/${campaign.id}`, { attachments: [file.id] })).status).toBe(400);
        const send = await api('POST', `/campaigns/${campaign.id}/send`);
        expect(send.status).toBe(400);
        expect(send.body.error.message).toMatch(/over the limit of 0\.5 MB per message/);
      } finally {
        strapi().config.set(key, 5 * MB);
      }

      const reads = vi.spyOn(fsPromises, 'readFile');
      try {
        expect((await api('POST', `/campaigns/${campaign.id}/send`)).status).toBe(200);
        await service('sender').run();
        const mails = await mailsTo(audience);
        expect(mails).toHaveLength(100);
        expect(new Set(mails.map((m) => m.envelope.to[0])).size).toBe(100);
        for (const mail of mails) {
          expect(mail.parsed.attachments).toHaveLength(1);
          const [attached] = mail.parsed.attachments;
          expect(attached.filename).toBe(file.name);
          expect(sha256(attached.content)).toBe(sha256(bytes));
        }
        const fromStorage = reads.mock.calls.filter(([target]) => String(target).endsWith(file.url));
        expect(fromStorage).toHaveLength(1);
      } finally {
        reads.mockRestore();
        ctx.smtp.clear();
      }
    });

    it('pauses a campaign whose attachments grew over the cap after it was scheduled, failing no row, and sends on resume', async () => {
      const file = await upload(`${unique('flyer')}.pdf`, randomBytes(200 * 1024));
      const list = await createList(strapi());
      const audience = await insertSubscribers(strapi(), 3, { lists: [list.id] });
      const campaign = await campaignOf([list], { attachments: [file.id] });
      const scheduled = await api('POST', `/campaigns/${campaign.id}/schedule`, {
        scheduledAt: new Date().toISOString(),
        timezone: 'UTC',
      });
      expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200);

      // The sender reads the files itself and checks their real size before any message goes.
      const key = 'plugin::email-campaigns.maxAttachmentBytes';
      strapi().config.set(key, 100 * 1024);
      try {
        await service('sender').run();
      } finally {
        strapi().config.set(key, 5 * MB);
      }
      const stored = await api('GET', `/campaigns/${campaign.id}`);
      expect(stored.body.data.status).toBe('paused');
      expect(stored.body.data.pauseReason).toMatch(/over the limit of 0\.1 MB per message/);
      const rows = await strapi().db.connection(TABLES.deliveries).where('campaign_id', campaign.id).pluck('status');
      expect(rows.sort()).toEqual(['queued', 'queued', 'queued']);

      expect((await api('POST', `/campaigns/${campaign.id}/resume`)).status).toBe(200);
      const mails = await mailsTo(audience);
      expect(mails).toHaveLength(3);
      for (const mail of mails) expect(mail.parsed.attachments.map((a) => a.size)).toEqual([200 * 1024]);
    });

    it('sends each person exactly one message in their language, or the default, with its lang; the report splits by language', async () => {
      const list = await createList(strapi());
      const people = {
        en: await insertSubscribers(strapi(), 3, { lists: [list.id] }),
        vi: await insertSubscribers(strapi(), 4, { lists: [list.id] }),
        viVN: await insertSubscribers(strapi(), 1, { lists: [list.id] }),
        fr: await insertSubscribers(strapi(), 2, { lists: [list.id] }),
        none: await insertSubscribers(strapi(), 2, { lists: [list.id] }),
      };
      const db = strapi().db.connection;
      await db(TABLES.subscribers).whereIn('id', people.en).update({ locale: 'en' });
      await db(TABLES.subscribers).whereIn('id', people.vi).update({ locale: 'vi' });
      await db(TABLES.subscribers).whereIn('id', people.viVN).update({ locale: 'vi-VN' });
      await db(TABLES.subscribers).whereIn('id', people.fr).update({ locale: 'fr' });

      // The site's locales, for the editor's language tabs: a reader sees them, someone without `read` does not.
      const reader = await createLimitedAdmin(strapi(), ['plugin::email-campaigns.read']);
      const readerToken = await ctx.app.login(reader.email, reader.password);
      const locales = await ctx.app.request('/email-campaigns/campaigns/locales', { token: readerToken });
      expect(locales.status).toBe(200);
      expect((await locales.json()).data.map((l: Json) => l.code).sort()).toEqual(['en', 'vi']);
      const nobody = await createLimitedAdmin(strapi(), []);
      const nobodyToken = await ctx.app.login(nobody.email, nobody.password);
      expect((await ctx.app.request('/email-campaigns/campaigns/locales', { token: nobodyToken })).status).toBe(403);

      // A version must be in one of the site's locales (Strapi's i18n), and only one per locale.
      const unknown = await api('POST', '/campaigns', { name: unique('fr'), versions: [{ locale: 'fr' }] });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(/Unknown locale\(s\): fr/);

      const campaign = await campaignOf([list], {
        subject: 'News in English',
        mjml: mjml('Hello'),
        defaultLocale: 'en',
        versions: [{ locale: 'vi', subject: 'Tin tức tiếng Việt', mjml: mjml('Xin chào') }],
      });
      expect(campaign.versions[0]).toMatchObject({ locale: 'vi', subject: 'Tin tức tiếng Việt' });
      expect(campaign.versions[0].html).toContain('Xin chào');

      // The preview switches language.
      const preview = await api('POST', `/campaigns/${campaign.id}/preview`, { locale: 'vi' });
      expect(preview.body.data.message.subject).toBe('Tin tức tiếng Việt');
      expect(preview.body.data.message.html).toMatch(/<html[^>]* lang="vi"/);
      expect(preview.body.data.message.html).toContain('Xin chào');

      // Every version passes the checks before sending: its readers get its message, not the default's.
      const careless = await campaignOf([list], {
        subject: 'News in English',
        mjml: mjml('Hello'),
        defaultLocale: 'en',
        versions: [{ locale: 'vi', subject: 'Tin tức', mjml: mjml('Xin chào').replace('{{ unsubscribe_url }}', '#') }],
      });
      const refused = await api('POST', `/campaigns/${careless.id}/send`);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/vi: .*unsubscribe/i);

      expect((await api('POST', `/campaigns/${campaign.id}/send`)).status).toBe(200);
      await service('sender').run();
      const total = Object.values(people).flat().length;
      const mails = await mailsTo(Object.values(people).flat());
      expect(mails).toHaveLength(total);
      const emails = await db(TABLES.subscribers)
        .whereIn('id', Object.values(people).flat())
        .select('id', 'email', 'locale');
      const byId = new Map(emails.map((s: Json) => [Number(s.id), s.email]));
      const expectLanguage = (ids: number[], language: 'en' | 'vi') => {
        for (const id of ids) {
          const received = mails.filter((m) => m.envelope.to[0] === byId.get(id));
          expect(received).toHaveLength(1);
          const [mail] = received;
          expect(mail.subject).toBe(language === 'vi' ? 'Tin tức tiếng Việt' : 'News in English');
          expect(mail.html).toMatch(new RegExp(`<html[^>]* lang="${language}"`));
          expect(mail.html).toContain(language === 'vi' ? 'Xin chào' : 'Hello');
        }
      };
      expectLanguage([...people.vi, ...people.viVN], 'vi');
      expectLanguage([...people.en, ...people.fr, ...people.none], 'en');

      const report = await api('GET', `/campaigns/${campaign.id}/report`);
      const languages = Object.fromEntries(
        report.body.data.languages.map((l: Json) => [l.locale, { sent: l.counts.sent, total: l.counts.total }]),
      );
      expect(languages).toEqual({ en: { sent: 7, total: 7 }, vi: { sent: 5, total: 5 } });
    });

    it('keeps the visitor’s language from the hosted form, the embed’s field or Accept-Language, and writes the confirmation in it', async () => {
      const restore = setRateLimits(strapi(), GENEROUS_LIMITS);
      try {
        const slug = unique('vi-form');
        const listSlug = unique('vi-list');
        const list = await api('POST', '/lists', { name: listSlug, slug: listSlug, doubleOptIn: true });
        const created = await api('POST', '/forms', { name: 'Tin', slug, lists: [list.body.data.id] });
        expect(created.status).toBe(201);

        // The hosted page in Vietnamese carries its language; the embed leaves it for the site to fill.
        const page = await ctx.app.request(`${PUBLIC}/forms/${slug}`, { headers: { 'accept-language': 'vi' } });
        const html = await page.text();
        expect(html).toContain('<input type="hidden" name="locale" value="vi">');
        expect(created.body.data.embed.html).toContain('<input type="hidden" name="locale" value="">');

        // Posted from the Vietnamese page by a browser whose own language is English.
        const hosted = `${unique('hosted')}@example.test`;
        const posted = await postForm(
          ctx.app,
          `${PUBLIC}/subscribe`,
          { form: slug, email: hosted, locale: 'vi' },
          {
            'accept-language': 'en',
          },
        );
        expect(posted.status).toBe(200);
        expect((await subscriberByEmail(strapi(), hosted)).locale).toBe('vi');
        const mail = await mailTo(strapi(), ctx.smtp, hosted);
        expect(mail.subject).toBe('Vui lòng xác nhận đăng ký');
        expect(mail.html).toMatch(/<html lang="vi"/);

        // The embed with its field left empty: the browser's language counts.
        const embedded = `${unique('embed')}@example.test`;
        await postForm(
          ctx.app,
          `${PUBLIC}/subscribe`,
          { form: slug, email: embedded, locale: '' },
          {
            'accept-language': 'vi-VN,vi;q=0.9',
          },
        );
        expect((await subscriberByEmail(strapi(), embedded)).locale).toBe('vi');
        expect((await mailTo(strapi(), ctx.smtp, embedded)).subject).toBe('Vui lòng xác nhận đăng ký');

        // Neither: no language is invented, and the mail is in English.
        const plain = `${unique('plain')}@example.test`;
        await postForm(ctx.app, `${PUBLIC}/subscribe`, { form: slug, email: plain }, { 'accept-language': 'de' });
        expect((await subscriberByEmail(strapi(), plain)).locale).toBeNull();
        expect((await mailTo(strapi(), ctx.smtp, plain)).subject).not.toBe('Vui lòng xác nhận đăng ký');
      } finally {
        restore();
      }
    });
  });
}
