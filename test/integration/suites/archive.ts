import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import type { SuiteContext } from './context';
import { GENEROUS_LIMITS, PUBLIC, TABLES, mailTo, plugin, setRateLimits } from '../../fixtures/audience';
import { signToken } from '../../../server/src/services/tokens';
import { waitUntil } from '../../helpers/outbox-fixtures';

type Json = any;

const UIDS = {
  list: 'plugin::email-campaigns.list',
  subscriber: 'plugin::email-campaigns.subscriber',
} as const;

const mjml = (greeting: string) => `<mjml>
  <mj-body>
    <mj-section>
      <mj-column>
        <mj-text>${greeting} {{ subscriber.name | default: "reader" }} ({{ subscriber.email }}), this is {{ campaign.name }}.</mj-text>
        <mj-text><a href="{{ web_url }}">View in browser</a> · <a href="https://example.org/article">The article</a></mj-text>
        <mj-text><a href="{{ preferences_url }}">Preferences</a></mj-text>
        <mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

/** The ids of the archive copies a page or feed links to. */
const copiesIn = (text: string, slug: string) =>
  [...text.matchAll(new RegExp(`/archive/${slug}/(\\d+)`, 'g'))].map((m) => Number(m[1]));

/**
 * View in browser and the public archive (issue #14, docs/architecture.md "Engagement"): what is
 * listed, that no subscriber's data reaches an anonymous reader, the Atom feed's required parts,
 * and the web link of a sent mail.
 */
export function archiveSuite(ctx: SuiteContext) {
  describe('view in browser and the archive', () => {
    const strapi = () => ctx.app.strapi;
    let token: string;
    let restoreLimits: () => void;
    let seq = 0;
    const unique = (prefix: string) => `${prefix}-${ctx.client}-${Date.now().toString(36)}-${++seq}`;
    const lists = {} as Record<'news' | 'other' | 'hidden', { id: number; documentId: string; slug: string }>;
    const campaigns = {} as Record<'published' | 'private' | 'otherList' | 'draft' | 'hiddenList', number>;
    const people: Array<{ id: number; email: string; name: string; locale: string | null }> = [];
    const newsName = `Archive & <News> ${ctx.client}`;

    async function api(method: string, path: string, json?: unknown) {
      const res = await ctx.app.request(`/email-campaigns${path}`, { method, token, json });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
    }

    async function createList(name: string, isPublic: boolean) {
      const slug = unique('archive');
      const list = await strapi()
        .documents(UIDS.list)
        .create({ data: { name, slug, doubleOptIn: false, public: isPublic } as any });
      return { id: Number(list.id), documentId: list.documentId, slug };
    }

    /** A campaign made and sent through the admin API, as an editor would. */
    async function campaign(listId: number, fields: Record<string, unknown>, send = true): Promise<number> {
      const created = await api('POST', '/campaigns', {
        name: unique('campaign'),
        subject: 'Issue & more for {{ subscriber.name | default: "our readers" }}',
        mjml: mjml('Hello'),
        lists: [listId],
        ...fields,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.data.id as number;
      if (send) expect((await api('POST', `/campaigns/${id}/send`)).status).toBe(200);
      return id;
    }

    beforeAll(async () => {
      token = await ctx.app.login();
      restoreLimits = setRateLimits(strapi(), GENEROUS_LIMITS);
      const locales = strapi().plugin('i18n').service('locales');
      if (!(await locales.findByCode('vi'))) await locales.create({ code: 'vi', name: 'Vietnamese (vi)' });
      lists.news = await createList(newsName, true);
      lists.other = await createList('Archive other', true);
      lists.hidden = await createList('Archive hidden', false);
      for (const [i, locale] of ([null, null, 'vi'] as const).entries()) {
        const email = `${unique('reader')}@archive.test`;
        const name = `Ngoc Archive${i} ${ctx.client}`;
        const row = await strapi()
          .documents(UIDS.subscriber)
          .create({ data: { email, name, locale, status: 'subscribed', lists: [lists.news.documentId] } as any });
        people.push({ id: Number(row.id), email, name, locale });
      }
      // Tracking on for the site and the campaign: the web view must still carry none.
      strapi().config.set('plugin::email-campaigns.tracking.enabled', true);
      const vi = [{ locale: 'vi', subject: 'Tin cho {{ subscriber.name }}', mjml: mjml('Xin chào') }];
      const tracking = { mode: 'people', opens: true, clicks: true };
      campaigns.published = await campaign(lists.news.id, { public: true, versions: vi, tracking });
      campaigns.private = await campaign(lists.news.id, { public: false, subject: 'Private {{ subscriber.name }}' });
      campaigns.otherList = await campaign(lists.other.id, { public: true });
      campaigns.draft = await campaign(lists.news.id, { public: true }, false);
      campaigns.hiddenList = await campaign(lists.hidden.id, { public: true });
      const [first, second, vietnamese] = people;
      await mailTo(strapi(), ctx.smtp, first.email, 30_000, `Issue & more for ${first.name}`);
      await mailTo(strapi(), ctx.smtp, second.email, 30_000, `Issue & more for ${second.name}`);
      await mailTo(strapi(), ctx.smtp, vietnamese.email, 30_000, `Tin cho ${vietnamese.name}`);
      // "Send now" starts a campaign on a tick; the one its kick ran may have come before the campaign was due
      // (MariaDB keeps whole seconds), so the campaigns with nobody to mail are waited for here.
      const sent = [campaigns.published, campaigns.private, campaigns.otherList, campaigns.hiddenList];
      await waitUntil('the sent campaigns to start', async () => {
        await strapi().plugin('email-campaigns').service('sender').run();
        const statuses: string[] = await strapi().db.connection(TABLES.campaigns).whereIn('id', sent).pluck('status');
        return statuses.every((status) => status === 'sending' || status === 'sent') ? true : undefined;
      });
    });

    afterAll(() => {
      restoreLimits?.();
      strapi().config.set('plugin::email-campaigns.tracking.enabled', false);
    });

    it('the archive page and its Atom feed list only public campaigns of that list', async () => {
      const page = await ctx.app.request(`${PUBLIC}/archive/${lists.news.slug}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('x-robots-tag')).toMatch(/noindex/);
      const html = await page.text();
      expect(copiesIn(html, lists.news.slug)).toEqual([campaigns.published]);
      expect(html).toContain('Issue &amp; more for our readers');
      expect(html).toContain('Archive &amp; &lt;News&gt;');
      const feed = await (await ctx.app.request(`${PUBLIC}/archive/${lists.news.slug}/feed.atom`)).text();
      expect(copiesIn(feed, lists.news.slug)).toEqual([campaigns.published]);

      // The other public list lists its own; a private list, an unknown slug and campaigns outside the archive are 404.
      const other = await (await ctx.app.request(`${PUBLIC}/archive/${lists.other.slug}`)).text();
      expect(copiesIn(other, lists.other.slug)).toEqual([campaigns.otherList]);
      for (const path of [
        `/archive/${lists.hidden.slug}`,
        `/archive/${lists.hidden.slug}/feed.atom`,
        `/archive/${lists.hidden.slug}/${campaigns.hiddenList}`,
        `/archive/no-such-list-${ctx.client}`,
        `/archive/${lists.news.slug}/${campaigns.private}`,
        `/archive/${lists.news.slug}/${campaigns.draft}`,
        `/archive/${lists.news.slug}/${campaigns.otherList}`,
        `/archive/${lists.news.slug}/not-a-number`,
      ]) {
        const res = await ctx.app.request(`${PUBLIC}${path}`);
        expect(res.status, path).toBe(404);
        expect(await res.text(), path).toContain('There is no archive here');
      }
      const copy = await ctx.app.request(`${PUBLIC}/archive/${lists.news.slug}/${campaigns.published}`);
      expect(copy.status).toBe(200);
      expect(copy.headers.get('content-security-policy')).toContain("script-src 'none'");

      // Unlisting takes effect at once, in any status: the campaign has been sent.
      expect((await api('PUT', `/campaigns/${campaigns.published}`, { public: false })).body.data.public).toBe(false);
      const unlisted = await (await ctx.app.request(`${PUBLIC}/archive/${lists.news.slug}`)).text();
      expect(copiesIn(unlisted, lists.news.slug)).toEqual([]);
      expect((await api('PUT', `/campaigns/${campaigns.published}`, { public: 'yes' })).status).toBe(400);
      expect((await api('PUT', `/campaigns/${campaigns.published}`, { public: true })).body.data.public).toBe(true);
      expect((await api('GET', `/campaigns/${campaigns.private}`)).body.data.public).toBe(false);
    });

    it('render without any subscriber data: the page, the archive copy and the feed', async () => {
      const base = `${PUBLIC}/archive/${lists.news.slug}`;
      const texts = await Promise.all(
        [base, `${base}/${campaigns.published}`, `${base}/feed.atom`].map(async (path) => {
          const res = await ctx.app.request(path);
          expect(res.status, path).toBe(200);
          return res.text();
        }),
      );
      const everyone: Array<{ email: string; name: string | null }> = await strapi()
        .db.connection(TABLES.subscribers)
        .select('email', 'name');
      expect(everyone.length).toBeGreaterThanOrEqual(people.length);
      for (const text of texts) {
        for (const { email, name } of everyone) {
          expect(text).not.toContain(email);
          if (name && name.length >= 6) expect(text).not.toContain(name);
        }
        // Not the stand-in of previews and test sends either, and no personal token.
        expect(text).not.toContain('test@example.com');
        expect(text).not.toContain('Test recipient');
        expect(text).not.toMatch(/(unsubscribe|preferences|web)\?token=/);
      }
      const copy = texts[1];
      expect(copy).toContain('Hello reader (), this is');
      expect(copy).toContain(`${base}#personal-links`);
      expect(texts[0]).toContain('id="personal-links"');
    });

    it("carry RFC 4287's required elements (feed and entry id, title, updated; absolute links)", async () => {
      const res = await ctx.app.request(`${PUBLIC}/archive/${lists.news.slug}/feed.atom`);
      expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      const parsed = new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: '',
        isArray: (n) => n === 'entry' || n === 'link',
      }).parse(await res.text());
      const feed = parsed.feed;
      expect(feed.xmlns).toBe('http://www.w3.org/2005/Atom');
      expect(feed.id).toMatch(
        new RegExp(`^tag:127\\.0\\.0\\.1,\\d{4}-\\d{2}-\\d{2}:email-campaigns/list/${lists.news.id}$`),
      );
      expect(feed.title).toBe(newsName);
      expect(feed.author.name).toBe(newsName);
      const rels = Object.fromEntries(feed.link.map((l: Json) => [l.rel, l.href]));
      expect(rels.self).toBe(`${ctx.app.url}${PUBLIC}/archive/${lists.news.slug}/feed.atom`);
      expect(rels.alternate).toBe(`${ctx.app.url}${PUBLIC}/archive/${lists.news.slug}`);
      expect(feed.entry).toHaveLength(1);
      const [entry] = feed.entry;
      expect(entry.id).toMatch(
        new RegExp(`^tag:127\\.0\\.0\\.1,\\d{4}-\\d{2}-\\d{2}:email-campaigns/campaign/${campaigns.published}$`),
      );
      expect(entry.title).toBe('Issue & more for our readers');
      expect(entry.link[0].href).toBe(`${ctx.app.url}${PUBLIC}/archive/${lists.news.slug}/${campaigns.published}`);
      const started = await strapi()
        .db.connection(TABLES.campaigns)
        .where('id', campaigns.published)
        .first('started_at');
      expect(new Date(entry.updated).getTime()).toBe(new Date(started.started_at).getTime());
      expect(feed.updated).toBe(entry.updated);
      // Each link followed: the copy it names.
      expect((await fetch(entry.link[0].href)).status).toBe(200);
    });

    it('opens each person’s own message from the web_url of their mail, untracked; refuses forged links', async () => {
      const [first, second, vietnamese] = people;
      const mail = ctx.smtp.to(first.email).find((m) => m.subject === `Issue & more for ${first.name}`)!;
      const href = /<a href="([^"]+)"[^>]*>View in browser<\/a>/.exec(String(mail.html))![1];
      // The mail itself is tracked (its article link and pixel), so the page's lack of tracking is the page's.
      expect(String(mail.html)).toMatch(/\/api\/email-campaigns\/l\//);
      expect(String(mail.html)).toMatch(/\/api\/email-campaigns\/o\//);
      const view = await fetch(href.replace(/&amp;/g, '&'));
      expect(view.status).toBe(200);
      expect(view.url).toContain(`${PUBLIC}/web?token=`);
      for (const [header, value] of [
        ['x-robots-tag', 'noindex'],
        ['cache-control', 'no-store'],
        ['referrer-policy', 'no-referrer'],
        ['content-security-policy', "script-src 'none'"],
      ]) {
        expect(view.headers.get(header), header).toContain(value);
      }
      const html = await view.text();
      expect(html).toContain(`Hello ${first.name} (${first.email})`);
      expect(html).toContain(`<title>Issue &amp; more for ${first.name}</title>`);
      expect(html).toMatch(/\/api\/email-campaigns\/unsubscribe\?token=/);
      expect(html).not.toMatch(/\/api\/email-campaigns\/(l|o)\//);
      expect(html).not.toContain(second.email);

      // Their language version, and the subject variant their row names.
      const links = plugin(strapi()).service('links');
      const viHtml = await (await fetch(links.webUrl(vietnamese.id, campaigns.published))).text();
      expect(viHtml).toContain(`Xin chào ${vietnamese.name}`);
      expect(viHtml).toContain(`<title>Tin cho ${vietnamese.name}</title>`);
      expect(viHtml).toMatch(/<html[^>]* lang="vi"/);
      await strapi()
        .db.connection(TABLES.campaigns)
        .where('id', campaigns.published)
        .update({ ab_test: JSON.stringify({ subjects: ['First subject', 'Second for {{ subscriber.name }}'] }) });
      await strapi()
        .db.connection(TABLES.deliveries)
        .where({ campaign_id: campaigns.published, subscriber_id: second.id })
        .update({ variant: 2 });
      const variant = await (await fetch(links.webUrl(second.id, campaigns.published))).text();
      expect(variant).toContain(`<title>Second for ${second.name}</title>`);

      // A forged, altered or other-purpose token: the invalid-link page, in Vietnamese when asked.
      const good = new URL(href.replace(/&amp;/g, '&')).searchParams.get('token') ?? '';
      const forged = signToken('not-the-secret-of-this-site', {
        sub: first.id,
        purpose: 'web',
        campaign: campaigns.published,
      });
      const unsubscribe = new URL(links.unsubscribeUrl(first.id, campaigns.published)).searchParams.get('token');
      for (const bad of [
        forged,
        `${good.slice(0, 5)}${good[5] === 'A' ? 'B' : 'A'}${good.slice(6)}`,
        unsubscribe,
        '',
      ]) {
        const res = await ctx.app.request(`${PUBLIC}/web?token=${bad}`, { headers: { 'accept-language': 'vi' } });
        expect(res.status).toBe(404);
        const text = await res.text();
        expect(text).toContain('Liên kết không hợp lệ hoặc đã hết hạn');
        expect(text).not.toContain(first.email);
      }
      // An erased person's link shows nothing of them.
      await plugin(strapi()).service('privacy').erase(first.id);
      const erased = await ctx.app.request(new URL(view.url).pathname + new URL(view.url).search);
      expect(erased.status).toBe(404);
      expect(await erased.text()).toContain('This email is no longer available');
    });

    it('speaks Vietnamese on the archive page when asked by ?lang= or Accept-Language', async () => {
      const byQuery = await (await ctx.app.request(`${PUBLIC}/archive/${lists.news.slug}?lang=vi`)).text();
      const byHeader = await (
        await ctx.app.request(`${PUBLIC}/archive/${lists.news.slug}`, {
          headers: { 'accept-language': 'vi-VN,vi;q=0.9' },
        })
      ).text();
      for (const html of [byQuery, byHeader]) {
        expect(html).toContain('<html lang="vi">');
        expect(html).toContain('các email đã gửi');
        expect(html).toContain('Về các liên kết trong những bản sao này');
      }
      const missing = await ctx.app.request(`${PUBLIC}/archive/no-such-list?lang=vi`);
      expect(await missing.text()).toContain('Không có kho lưu trữ ở đây');
    });
  });
}
