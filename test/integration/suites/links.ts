import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SuiteContext } from './context';
import {
  GENEROUS_LIMITS,
  PUBLIC,
  TABLES,
  count,
  linkIn,
  listIdsOf,
  mailTo,
  pathOf,
  plugin,
  postForm,
  postJson,
  setRateLimits,
  subscriberByEmail,
  unique,
  audienceAdmin,
  type AdminList,
} from '../../fixtures/audience';
import { signToken } from '../../../server/src/services/tokens';
import type { CaughtMail } from '../../helpers/smtp-server';

type List = AdminList;

const DAY_MS = 86_400_000;

/**
 * The links in mail as an attacker or a careless holder would use them (issue #10, Tokens): expiry of
 * preferences links and their renewal by mail, links that never expire, confirm links tied to
 * their request, rotated secrets, and the public body limit.
 */
export function linksSuite(ctx: SuiteContext) {
  describe('links in mail', () => {
    let token: string;
    let restoreLimits: () => void;
    let news: List;
    let offers: List;

    const strapi = () => ctx.app.strapi;
    const links = () => plugin(strapi()).service('links');
    const clock = () => plugin(strapi()).service('clock');
    const { createList, createSubscriber } = audienceAdmin(
      () => ctx.app,
      () => token,
    );

    /** The n-th mail (from 1) to an address, ticking the sender until it arrives. */
    async function nthMailTo(address: string, n: number): Promise<CaughtMail> {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const mail = ctx.smtp.to(address)[n - 1];
        if (mail) return mail;
        if (Date.now() > deadline) throw new Error(`no mail #${n} to ${address}`);
        await plugin(strapi()).service('sender').tick();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }

    /** Sets a config key for one test; returns the function that puts it back. */
    function setConfig(key: string, value: unknown): () => void {
      const full = `plugin::email-campaigns.${key}`;
      const before = strapi().config.get(full);
      strapi().config.set(full, value);
      return () => strapi().config.set(full, before);
    }

    beforeAll(async () => {
      token = await ctx.app.login();
      restoreLimits = setRateLimits(strapi(), GENEROUS_LIMITS);
      news = await createList({ doubleOptIn: true, public: true });
      offers = await createList({ doubleOptIn: true, public: true });
    });

    afterAll(() => restoreLimits?.());

    it('expires preferences links after preferencesLinkDays and mails a fresh link, once per interval', async () => {
      const person = await createSubscriber({ email: `${unique('expiring')}@example.test`, lists: [news.id] });
      const restoreDays = setConfig('preferencesLinkDays', 30);
      try {
        const url = pathOf(links().preferencesUrl(person.id));
        clock().advance(29 * DAY_MS);
        expect((await ctx.app.request(url)).status).toBe(200);
        clock().advance(2 * DAY_MS);
        const expired = await ctx.app.request(url);
        expect(expired.status).toBe(410);
        const html = await expired.text();
        expect(html).toContain('This link has expired');
        expect(html).toContain('<input type="hidden" name="action" value="resend">');
        expect(html).not.toContain(person.email);
        // An expired link changes nothing, "unsubscribe from everything" included.
        expect((await postForm(ctx.app, url, { action: 'save', lists: offers.slug })).status).toBe(404);
        expect((await postForm(ctx.app, url, { action: 'unsubscribe' })).status).toBe(404);
        expect(await listIdsOf(strapi(), person.id)).toEqual([news.id]);

        const asked = await postForm(ctx.app, url, { action: 'resend' });
        expect(asked.status).toBe(200);
        expect(await asked.text()).toContain('a new link is on its way');
        const mail = await nthMailTo(person.email, 1);
        expect(mail.subject).toBe('Your link to your email preferences');
        const fresh = pathOf(linkIn(mail, 'preferences'));
        const page = await ctx.app.request(fresh);
        expect(page.status).toBe(200);
        expect(await page.text()).toMatch(new RegExp(`value="${news.slug}" checked`));

        // The confirmation window holds: asking again within the hour mails nothing more.
        expect((await postForm(ctx.app, url, { action: 'resend' })).status).toBe(200);
        await plugin(strapi()).service('sender').tick();
        expect(await count(strapi(), TABLES.deliveries, { subscriber_id: person.id, kind: 'confirmation' })).toBe(1);
        // A forged token asks for nothing.
        const forged = signToken('not-the-secret-of-this-site', { sub: person.id, purpose: 'preferences' });
        expect((await postForm(ctx.app, `${PUBLIC}/preferences?token=${forged}`, { action: 'resend' })).status).toBe(
          404,
        );
      } finally {
        clock().reset();
        restoreDays();
      }
    });

    it('never expires unsubscribe links, and accepts a token signed with a rotated-out secret', async () => {
      const [late, rotated, refused] = await Promise.all(
        ['late', 'rotated', 'refused'].map((name) =>
          createSubscriber({ email: `${unique(name)}@example.test`, lists: [news.id] }),
        ),
      );
      const lateUrl = pathOf(links().unsubscribeUrl(late.id, 7));
      clock().advance(10 * 365 * DAY_MS);
      try {
        const oneClick = { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }) };
        expect((await ctx.app.request(lateUrl, oneClick)).status).toBe(200);
        expect((await subscriberByEmail(strapi(), late.email)).status).toBe('unsubscribed');

        const oldSecret = strapi().config.get('plugin::email-campaigns.secret') as string;
        const fromBefore = signToken(oldSecret, { sub: rotated.id, purpose: 'unsubscribe' });
        const restoreSecret = setConfig('secret', ['a-brand-new-secret-for-this-site', oldSecret]);
        try {
          expect((await ctx.app.request(`${PUBLIC}/unsubscribe?token=${fromBefore}`, oneClick)).status).toBe(200);
          expect((await subscriberByEmail(strapi(), rotated.email)).status).toBe('unsubscribed');
          // New links are signed with the first secret only.
          const fresh = pathOf(links().unsubscribeUrl(refused.id));
          expect(signToken('a-brand-new-secret-for-this-site', { sub: refused.id, purpose: 'unsubscribe' })).toBe(
            new URL(fresh, 'http://x').searchParams.get('token'),
          );
        } finally {
          restoreSecret();
        }
        // Once the old secret is dropped from the list, its tokens stop working.
        const dropped = setConfig('secret', ['a-brand-new-secret-for-this-site']);
        try {
          const stale = signToken(oldSecret, { sub: refused.id, purpose: 'unsubscribe' });
          expect((await ctx.app.request(`${PUBLIC}/unsubscribe?token=${stale}`, oneClick)).status).toBe(404);
          expect((await subscriberByEmail(strapi(), refused.email)).status).toBe('subscribed');
        } finally {
          dropped();
        }
      } finally {
        clock().reset();
      }
    });

    it('confirms with a link only the lists of the request that sent it', async () => {
      const email = `${unique('nonce')}@example.test`;
      expect((await postJson(ctx.app, `${PUBLIC}/subscribe`, { email, lists: [news.slug] })).status).toBe(200);
      const first = linkIn(await nthMailTo(email, 1), 'confirm');
      // A later request within the confirmation window: no mail, and the first link does not cover it.
      expect((await postJson(ctx.app, `${PUBLIC}/subscribe`, { email, lists: [offers.slug] })).status).toBe(200);
      expect((await ctx.app.request(pathOf(first), { method: 'POST' })).status).toBe(200);
      const row = await subscriberByEmail(strapi(), email);
      expect(row.status).toBe('subscribed');
      expect(await listIdsOf(strapi(), row.id)).toEqual([news.id]);
      const waiting = typeof row.pending_lists === 'string' ? JSON.parse(row.pending_lists) : row.pending_lists;
      expect(waiting).toEqual([offers.id]);

      // After the window, the next request sends its own link; the earlier link now confirms nothing.
      const other = `${unique('nonce-late')}@example.test`;
      await postJson(ctx.app, `${PUBLIC}/subscribe`, { email: other, lists: [news.slug] });
      const earlier = linkIn(await nthMailTo(other, 1), 'confirm');
      clock().advance(61 * 60_000);
      try {
        await postJson(ctx.app, `${PUBLIC}/subscribe`, { email: other, lists: [offers.slug] });
        const later = linkIn(await nthMailTo(other, 2), 'confirm');
        const stale = await ctx.app.request(pathOf(earlier), { method: 'POST' });
        expect(stale.status).toBe(404);
        const otherRow = await subscriberByEmail(strapi(), other);
        expect(otherRow.status).toBe('pending');
        expect(await listIdsOf(strapi(), otherRow.id)).toEqual([]);
        expect((await ctx.app.request(pathOf(later), { method: 'POST' })).status).toBe(200);
        expect(await listIdsOf(strapi(), otherRow.id)).toEqual([news.id, offers.id].sort((a, b) => a - b));
      } finally {
        clock().reset();
      }
    });

    it('asks a person who bounced or complained to confirm before the preferences page adds them back', async () => {
      for (const status of ['bounced', 'complained'] as const) {
        const person = await createSubscriber({ email: `${unique(status)}@example.test`, lists: [news.id] });
        await strapi().db.connection(TABLES.subscribers).where('id', person.id).update({ status });
        const url = pathOf(links().preferencesUrl(person.id));
        const asked = await postForm(ctx.app, url, { action: 'save', lists: offers.slug });
        expect(asked.status).toBe(200);
        const row = await subscriberByEmail(strapi(), person.email);
        expect(row.status, status).toBe(status);
        expect(await listIdsOf(strapi(), person.id)).toEqual([news.id]);
        const mail = await mailTo(strapi(), ctx.smtp, person.email);
        expect(mail.subject).toBe('Please confirm your subscription');
        await ctx.app.request(pathOf(linkIn(mail, 'confirm')), { method: 'POST' });
        expect((await subscriberByEmail(strapi(), person.email)).status).toBe('subscribed');
      }
    });

    it('counts the bytes of a public body as read: chunked and odd-case paths get 413 past maxBodyBytes', async () => {
      const person = await createSubscriber({ email: `${unique('chunked')}@example.test`, lists: [news.id] });
      const chunked = (size: number) =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (let sent = 0; sent < size; sent += 1024) controller.enqueue(new Uint8Array(1024).fill(97));
            controller.close();
          },
        });
      const post = (path: string, body: ReadableStream<Uint8Array> | string, type = 'application/json') =>
        ctx.app.request(path, {
          method: 'POST',
          headers: { 'content-type': type },
          body,
          duplex: 'half',
        } as RequestInit);

      expect((await post(`${PUBLIC}/subscribe`, chunked(64 * 1024))).status).toBe(413);
      expect((await post('/API/Email-Campaigns/Subscribe', chunked(64 * 1024))).status).toBe(413);
      expect((await post('/api/EMAIL-CAMPAIGNS/preferences', 'x'.repeat(20_000))).status).toBe(413);
      const restoreMax = setConfig('maxBodyBytes', 512);
      try {
        expect((await post(`${PUBLIC}/subscribe`, chunked(2048))).status).toBe(413);
      } finally {
        restoreMax();
      }

      // A small chunked one-click unsubscribe still works: the body read is handed to the parser.
      const oneClick = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('List-Unsubscribe=One-Click'));
          controller.close();
        },
      });
      const url = pathOf(links().unsubscribeUrl(person.id));
      expect((await post(url, oneClick, 'application/x-www-form-urlencoded')).status).toBe(200);
      const row = await subscriberByEmail(strapi(), person.email);
      expect(row.status).toBe('unsubscribed');
      const [event] = await strapi()
        .db.connection(TABLES.subscriberEvents)
        .where({ subscriber_id: person.id, type: 'unsubscribed' })
        .select('data');
      expect(JSON.stringify(event.data)).toContain('one-click');
    });
  });
}
