import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SuiteContext } from './context';
import {
  GENEROUS_LIMITS,
  PUBLIC,
  TABLES,
  audienceCounts,
  count,
  eventsOf,
  linkIn,
  listIdsOf,
  mailTo,
  pathOf,
  plugin,
  postForm,
  postJson,
  postMultipart,
  setRateLimits,
  subscriberByEmail,
  unique,
  audienceAdmin,
  type AdminList,
} from '../../fixtures/audience';
import { malformedRequests, wrongPurposeRequests } from '../../fixtures/malformed';

type List = AdminList;

/** The visitor's side over HTTP: subscribe, confirm, unsubscribe, preferences, hosted forms, abuse. */
export function publicApiSuite(ctx: SuiteContext) {
  describe('public API', () => {
    let token: string;
    let restoreLimits: () => void;
    let news: List;
    let offers: List;
    let internal: List;

    const strapi = () => ctx.app.strapi;
    const links = () => plugin(strapi()).service('links');
    const { admin, createList, createSubscriber } = audienceAdmin(
      () => ctx.app,
      () => token,
    );

    beforeAll(async () => {
      token = await ctx.app.login();
      restoreLimits = setRateLimits(strapi(), GENEROUS_LIMITS);
      news = await createList({ doubleOptIn: true, public: true, description: 'Weekly news' });
      offers = await createList({ doubleOptIn: false, public: true });
      internal = await createList({ doubleOptIn: false, public: false });
    });

    afterAll(() => restoreLimits?.());

    it('takes a visitor from subscribe through the confirmation mail to confirmed; a GET of the link changes nothing', async () => {
      const email = `${unique('visitor')}@example.test`;
      const res = await postJson(ctx.app, `${PUBLIC}/subscribe`, {
        email: email.toUpperCase(),
        name: 'Visitor One',
        lists: [news.slug],
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ data: { message: expect.stringContaining('we have sent you an email') } });
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');

      const pending = await subscriberByEmail(strapi(), email);
      expect(pending).toMatchObject({
        status: 'pending',
        name: 'Visitor One',
        source: 'api',
        consent_ip: expect.stringContaining('127.0.0.1'),
      });
      expect(await listIdsOf(strapi(), pending.id)).toEqual([]);

      const mail = await mailTo(strapi(), ctx.smtp, email);
      expect(mail.subject).toBe('Please confirm your subscription');
      expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
      expect(mail.text).toContain(`List ${news.slug}`);
      const confirmLink = linkIn(mail, 'confirm');

      const page = await ctx.app.request(pathOf(confirmLink));
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      const html = await page.text();
      expect(html).toContain('<form id="confirm-form" method="post"');
      // The page's own CSP replaces Strapi's; it has no script at all, so only a click confirms.
      expect(html).not.toContain('<script');
      const csp = page.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'none'");
      expect(csp).not.toContain("'unsafe-inline'");
      expect((await subscriberByEmail(strapi(), email)).status).toBe('pending');

      const confirmed = await ctx.app.request(pathOf(confirmLink), { method: 'POST', redirect: 'manual' });
      expect(confirmed.status).toBe(200);
      expect(await confirmed.text()).toContain('You are subscribed');
      const row = await subscriberByEmail(strapi(), email);
      expect(row).toMatchObject({ status: 'subscribed', pending_lists: null });
      expect(row.confirmed_at).not.toBeNull();
      expect(await listIdsOf(strapi(), row.id)).toEqual([news.id]);

      // Confirming twice (a double click) is harmless.
      expect((await ctx.app.request(pathOf(confirmLink), { method: 'POST' })).status).toBe(200);
      const events = await eventsOf(strapi(), row.id);
      expect(events.map((e) => e.type)).toEqual(['subscribe-requested', 'confirmed']);
      expect(events[1].data).toMatchObject({ lists: [news.id], ip: expect.stringContaining('127.0.0.1') });
    });

    it('unsubscribes with one click in both encodings, answers 200 without a redirect, and a GET changes nothing', async () => {
      const [urlencodedOne, multipartOne, buttonOne] = await Promise.all(
        ['urlencoded', 'multipart', 'button'].map((kind) =>
          createSubscriber({ email: `${unique(kind)}@example.test`, lists: [news.id, offers.id] }),
        ),
      );
      const urlOf = (id: number) => pathOf(links().unsubscribeUrl(id, 4242));

      const page = await ctx.app.request(urlOf(urlencodedOne.id));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<button type="submit">Unsubscribe</button>');
      expect((await subscriberByEmail(strapi(), urlencodedOne.email)).status).toBe('subscribed');

      // RFC 8058: no cookies, no Origin, the token is the authorisation.
      const first = await ctx.app.request(urlOf(urlencodedOne.id), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
        redirect: 'manual',
      });
      expect(first.status).toBe(200);
      const second = await postMultipart(ctx.app, urlOf(multipartOne.id), { 'List-Unsubscribe': 'One-Click' });
      expect(second.status).toBe(200);
      const button = await postForm(ctx.app, urlOf(buttonOne.id), {});
      expect(button.status).toBe(200);
      expect(await button.text()).toContain('/api/email-campaigns/preferences?token=');

      for (const [person, method] of [
        [urlencodedOne, 'one-click'],
        [multipartOne, 'one-click'],
        [buttonOne, 'link'],
      ] as const) {
        const row = await subscriberByEmail(strapi(), person.email);
        expect(row.status, person.email).toBe('unsubscribed');
        expect(row.unsubscribed_at).not.toBeNull();
        expect(await listIdsOf(strapi(), row.id)).toEqual([]);
        const unsubscribed = (await eventsOf(strapi(), row.id)).filter((e) => e.type === 'unsubscribed');
        expect(unsubscribed).toEqual([
          { type: 'unsubscribed', data: { method, campaign: 4242, lists: [news.id, offers.id].sort((a, b) => a - b) } },
        ]);
      }

      // Idempotent: a repeat answers 200 and logs nothing new.
      const again = await ctx.app.request(urlOf(urlencodedOne.id), {
        method: 'POST',
        body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }),
      });
      expect(again.status).toBe(200);
      expect((await eventsOf(strapi(), urlencodedOne.id)).filter((e) => e.type === 'unsubscribed')).toHaveLength(1);
    });

    it('lets a person change their lists, leave everything and come back on the preferences page', async () => {
      const person = await createSubscriber({ email: `${unique('prefs')}@example.test`, lists: [news.id] });
      const url = pathOf(links().preferencesUrl(person.id));

      const page = await ctx.app.request(url);
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(html).toMatch(new RegExp(`value="${news.slug}" checked`));
      expect(html).toMatch(new RegExp(`value="${offers.slug}">`));
      expect(html).not.toContain(internal.slug);
      expect(html).toContain('•••@example.test');

      const saved = await postForm(ctx.app, url, { action: 'save', lists: [news.slug, offers.slug] });
      expect(saved.status).toBe(200);
      expect(await saved.text()).toContain('Your choices are saved.');
      expect(await listIdsOf(strapi(), person.id)).toEqual([news.id, offers.id].sort((a, b) => a - b));

      await postForm(ctx.app, url, { action: 'save', lists: offers.slug });
      expect(await listIdsOf(strapi(), person.id)).toEqual([offers.id]);

      const refused = await postForm(ctx.app, url, { action: 'save', lists: internal.slug });
      expect(refused.status).toBe(400);
      expect(await listIdsOf(strapi(), person.id)).toEqual([offers.id]);

      const left = await postForm(ctx.app, url, { action: 'unsubscribe' });
      expect(await left.text()).toContain('You are unsubscribed');
      expect((await subscriberByEmail(strapi(), person.email)).status).toBe('unsubscribed');
      expect(await listIdsOf(strapi(), person.id)).toEqual([]);

      // Coming back only asks: nothing changes until the confirmation mail is followed.
      const back = await postForm(ctx.app, url, { action: 'save', lists: news.slug });
      expect(back.status).toBe(200);
      expect(await back.text()).toContain('press the link to confirm the lists you chose');
      expect((await subscriberByEmail(strapi(), person.email)).status).toBe('unsubscribed');
      expect(await listIdsOf(strapi(), person.id)).toEqual([]);
      const mail = await mailTo(strapi(), ctx.smtp, person.email);
      expect(mail.text).toContain(`List ${news.slug}`);
      expect((await subscriberByEmail(strapi(), person.email)).status).toBe('unsubscribed');
      await ctx.app.request(pathOf(linkIn(mail, 'confirm')), { method: 'POST' });
      expect((await subscriberByEmail(strapi(), person.email)).status).toBe('subscribed');
      expect(await listIdsOf(strapi(), person.id)).toEqual([news.id]);
      expect((await eventsOf(strapi(), person.id)).map((e) => e.type)).toEqual([
        'created',
        'lists-changed',
        'lists-changed',
        'unsubscribed',
        'subscribe-requested',
        'confirmed',
      ]);

      const asJson = await ctx.app.request(url, { headers: { accept: 'application/json' } });
      expect((await asJson.json()).data.lists).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ slug: news.slug, subscribed: true }),
          expect.objectContaining({ slug: offers.slug, subscribed: false }),
        ]),
      );
    });

    it('serves a hosted form in Vietnamese that redirects to the form’s successUrl, and writes the mail in the subscriber’s language', async () => {
      const slug = unique('footer');
      const created = await admin('/forms', {
        method: 'POST',
        json: {
          name: 'Footer form',
          slug,
          lists: [news.id, offers.id],
          doubleOptIn: false,
          successUrl: 'https://site.example/thanks',
          consentText: 'Tôi đồng ý nhận tin.',
          fields: { name: 'required' },
        },
      });
      expect(created.status).toBe(201);
      const form = (await created.json()).data;
      expect(form.embed.html).toContain(
        `action="${strapi().config.get('plugin::email-campaigns.publicUrl')}/api/email-campaigns/subscribe"`,
      );
      expect(form.embed.html).toContain(`name="form" value="${slug}"`);
      expect(form.embed.hostedUrl).toMatch(new RegExp(`/api/email-campaigns/forms/${slug}$`));

      const page = await ctx.app.request(`${PUBLIC}/forms/${slug}`, {
        headers: { 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.5' },
      });
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(html).toContain('<html lang="vi">');
      expect(html).toContain('Địa chỉ email');
      expect(html).toContain('Tôi đồng ý nhận tin.');
      expect(html).toContain('<form method="post" action="../subscribe">');
      expect(page.headers.get('content-security-policy')).toContain("form-action 'self' https://site.example");
      expect((await ctx.app.request(`${PUBLIC}/forms/no-such-form`)).status).toBe(404);

      const email = `${unique('hosted')}@example.test`;
      expect((await postForm(ctx.app, `${PUBLIC}/subscribe`, { form: slug, email, name: 'An' })).status).toBe(400);
      expect((await postForm(ctx.app, `${PUBLIC}/subscribe`, { form: slug, email, consent: 'yes' })).status).toBe(400);
      const posted = await postForm(
        ctx.app,
        `${PUBLIC}/subscribe`,
        { form: slug, email, name: 'An', consent: 'yes', website: '' },
        { 'accept-language': 'vi' },
      );
      expect(posted.status).toBe(303);
      expect(posted.headers.get('location')).toBe('https://site.example/thanks');

      // Offers is single opt-in: joined now. News asks for confirmation even though the form does not.
      const row = await subscriberByEmail(strapi(), email);
      expect(row).toMatchObject({ status: 'subscribed', source: `form:${slug}`, consent_text: 'Tôi đồng ý nhận tin.' });
      expect(await listIdsOf(strapi(), row.id)).toEqual([offers.id]);

      const viEmail = `${unique('vi')}@example.test`;
      await postJson(ctx.app, `${PUBLIC}/subscribe`, { email: viEmail, lists: [news.slug], locale: 'vi' });
      const mail = await mailTo(strapi(), ctx.smtp, viEmail);
      expect(mail.subject).toBe('Vui lòng xác nhận đăng ký');
      const confirmPage = await ctx.app.request(pathOf(linkIn(mail, 'confirm')));
      expect(await confirmPage.text()).toContain('Xác nhận đăng ký');
    });

    it('accepts a subscribe request as JSON, urlencoded or multipart, and shows the site’s own texts', async () => {
      const emails = {
        json: `${unique('json')}@example.test`,
        urlencoded: `${unique('form')}@example.test`,
        multipart: `${unique('multi')}@example.test`,
      };
      expect(
        (await postJson(ctx.app, `${PUBLIC}/subscribe`, { email: emails.json, lists: [offers.slug] })).status,
      ).toBe(200);
      expect(
        (await postForm(ctx.app, `${PUBLIC}/subscribe`, { email: emails.urlencoded, lists: offers.slug })).status,
      ).toBe(200);
      const multipart = await postMultipart(
        ctx.app,
        `${PUBLIC}/subscribe`,
        { email: emails.multipart, lists: offers.slug },
        { accept: 'application/json' },
      );
      expect(await multipart.json()).toEqual({
        data: {
          message:
            'Thank you for subscribing. If we need you to confirm, you will find an email from us in your inbox.',
        },
      });
      for (const email of Object.values(emails)) {
        const row = await subscriberByEmail(strapi(), email);
        expect(row?.status, email).toBe('subscribed');
        expect(await listIdsOf(strapi(), row.id)).toEqual([offers.id]);
      }

      const key = 'plugin::email-campaigns.texts';
      strapi().config.set(key, {
        en: { 'subscribe.thanks.body': 'Welcome aboard, {name}!' },
        vi: { 'form.submit': 'Gửi đi' },
      });
      try {
        const thanked = await postJson(ctx.app, `${PUBLIC}/subscribe`, {
          email: `${unique('texts')}@example.test`,
          lists: [offers.slug],
        });
        expect((await thanked.json()).data.message).toBe('Welcome aboard, {name}!');
        const slug = unique('texts-form');
        await admin('/forms', { method: 'POST', json: { name: 'Texts', slug, lists: [offers.id] } });
        const page = await ctx.app.request(`${PUBLIC}/forms/${slug}`, { headers: { 'accept-language': 'vi' } });
        expect(await page.text()).toContain('<button type="submit">Gửi đi</button>');
      } finally {
        strapi().config.set(key, undefined);
      }
    });

    it('gives byte-identical answers for a new, a pending, a subscribed and a suppressed address', async () => {
      const slug = unique('enum-form');
      await admin('/forms', {
        method: 'POST',
        json: { name: 'Enumeration', slug, lists: [news.id], successUrl: 'https://site.example/ok' },
      });
      const addresses = {
        new: `${unique('new')}@example.test`,
        pending: `${unique('pending')}@example.test`,
        subscribed: `${unique('subscribed')}@example.test`,
        suppressed: `${unique('suppressed')}@example.test`,
      };
      await postJson(ctx.app, `${PUBLIC}/subscribe`, { email: addresses.pending, lists: [news.slug] });
      await createSubscriber({ email: addresses.subscribed, lists: [news.id] });
      const erased = await createSubscriber({ email: addresses.suppressed, lists: [news.id] });
      expect((await admin(`/subscribers/${erased.id}`, { method: 'DELETE' })).status).toBe(204);

      const snapshot = async (res: Response) => {
        const headers = [...res.headers].filter(([name]) => name !== 'date');
        return { status: res.status, headers, body: Buffer.from(await res.arrayBuffer()).toString('base64') };
      };
      const variants: Record<string, (email: string) => Promise<Response>> = {
        json: (email) => postJson(ctx.app, `${PUBLIC}/subscribe`, { email, name: 'Same Name', lists: [news.slug] }),
        page: (email) => postForm(ctx.app, `${PUBLIC}/subscribe`, { email, lists: news.slug }),
        redirect: (email) => postForm(ctx.app, `${PUBLIC}/subscribe`, { email, form: slug }),
      };
      for (const [variant, send] of Object.entries(variants)) {
        const answers = [];
        for (const email of Object.values(addresses)) answers.push(await snapshot(await send(email)));
        for (const answer of answers.slice(1)) expect(answer, variant).toEqual(answers[0]);
        expect(answers[0].status).toBe(variant === 'redirect' ? 303 : 200);
      }
      expect(await subscriberByEmail(strapi(), addresses.suppressed)).toBeUndefined();
      expect((await subscriberByEmail(strapi(), addresses.new)).status).toBe('pending');
    });

    it('answers 1,000 malformed requests with a clear 4xx, never a 5xx, and writes nothing', async () => {
      const victim = await createSubscriber({ email: `${unique('victim')}@example.test`, lists: [news.id] });
      const formSlug = unique('consent-form');
      await admin('/forms', {
        method: 'POST',
        json: { name: 'Consent', slug: formSlug, lists: [news.id], consentText: 'I agree.' },
      });
      const context = {
        list: news.slug,
        privateList: internal.slug,
        form: formSlug,
        secret: strapi().config.get('plugin::email-campaigns.secret') as string,
        subscriberId: victim.id,
        now: plugin(strapi()).service('clock').now(),
      };
      const requests = [...malformedRequests(context, 1000 - 12), ...wrongPurposeRequests(context)];
      expect(requests.length).toBeGreaterThanOrEqual(1000);

      const before = await audienceCounts(strapi());
      const failures: string[] = [];
      for (let start = 0; start < requests.length; start += 25) {
        await Promise.all(
          requests.slice(start, start + 25).map(async ({ label, path, init }) => {
            const res = await ctx.app.request(path, { ...init, redirect: 'manual' });
            const text = await res.text();
            const clear = res.headers.get('content-type')?.includes('json')
              ? Boolean(JSON.parse(text).error?.message)
              : text.includes('invalid or has expired');
            if (res.status < 400 || res.status >= 500 || !clear)
              failures.push(`${label}: ${res.status} ${text.slice(0, 200)}`);
          }),
        );
      }
      expect(failures).toEqual([]);
      expect(await audienceCounts(strapi())).toEqual(before);
      expect((await subscriberByEmail(strapi(), victim.email)).status).toBe('subscribed');
    });

    it('accepts and drops a filled honeypot silently', async () => {
      const before = await audienceCounts(strapi());
      const email = `${unique('bot')}@example.test`;
      const bot = await postForm(ctx.app, `${PUBLIC}/subscribe`, {
        email,
        lists: news.slug,
        website: 'http://spam.example',
      });
      const person = await postForm(ctx.app, `${PUBLIC}/subscribe`, {
        email: `${unique('human')}@example.test`,
        lists: news.slug,
        website: '',
      });
      expect(bot.status).toBe(200);
      expect(await bot.text()).toBe(await person.text());
      const botJson = await postJson(ctx.app, `${PUBLIC}/subscribe`, { email, lists: [news.slug], website: 'x' });
      expect(botJson.status).toBe(200);
      expect(await subscriberByEmail(strapi(), email)).toBeUndefined();
      const after = await audienceCounts(strapi());
      expect(after.subscribers).toBe(before.subscribers + 1);
    });

    it('answers 429 past the per-IP and per-address limits, and 413 past the body cap', async () => {
      const restore = setRateLimits(strapi(), { subscribePerIp: 3, subscribePerEmail: 1_000_000 });
      try {
        const statuses = [];
        for (let i = 0; i < 4; i++)
          statuses.push(
            (
              await postJson(ctx.app, `${PUBLIC}/subscribe`, {
                email: `${unique('flood')}@example.test`,
                lists: [news.slug],
              })
            ).status,
          );
        expect(statuses).toEqual([200, 200, 200, 429]);
        const limited = await postJson(ctx.app, `${PUBLIC}/subscribe`, { email: 'x@example.test', lists: [news.slug] });
        expect(limited.status).toBe(429);
        expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
        expect((await limited.json()).error).toMatchObject({
          name: 'RateLimitError',
          message: expect.stringContaining('Too many requests'),
        });
      } finally {
        restore();
      }

      const restorePerAddress = setRateLimits(strapi(), { subscribePerIp: 1_000_000, subscribePerEmail: 2 });
      try {
        const email = `${unique('target')}@example.test`;
        const statuses = [];
        for (let i = 0; i < 3; i++)
          statuses.push((await postJson(ctx.app, `${PUBLIC}/subscribe`, { email, lists: [news.slug] })).status);
        expect(statuses).toEqual([200, 200, 429]);
        expect(
          (
            await postJson(ctx.app, `${PUBLIC}/subscribe`, {
              email: `${unique('other')}@example.test`,
              lists: [news.slug],
            })
          ).status,
        ).toBe(200);
      } finally {
        restorePerAddress();
      }

      const huge = await postJson(ctx.app, `${PUBLIC}/subscribe`, {
        email: 'a@example.test',
        lists: [news.slug],
        name: 'x'.repeat(20_000),
      });
      expect(huge.status).toBe(413);
    });

    it('sends one confirmation per address per window, and asks people who left to confirm again', async () => {
      const email = `${unique('twice')}@example.test`;
      for (let i = 0; i < 3; i++)
        expect((await postJson(ctx.app, `${PUBLIC}/subscribe`, { email, lists: [news.slug] })).status).toBe(200);
      const row = await subscriberByEmail(strapi(), email);
      expect(await count(strapi(), TABLES.deliveries, { subscriber_id: row.id, kind: 'confirmation' })).toBe(1);

      const leaver = await createSubscriber({ email: `${unique('leaver')}@example.test`, lists: [offers.id] });
      await ctx.app.request(pathOf(links().unsubscribeUrl(leaver.id)), {
        method: 'POST',
        body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }),
      });
      await postJson(ctx.app, `${PUBLIC}/subscribe`, { email: leaver.email, lists: [offers.slug] });
      const back = await subscriberByEmail(strapi(), leaver.email);
      expect(back.status).toBe('unsubscribed');
      expect(typeof back.pending_lists === 'string' ? JSON.parse(back.pending_lists) : back.pending_lists).toEqual([
        offers.id,
      ]);
      const mail = await mailTo(strapi(), ctx.smtp, leaver.email);
      await ctx.app.request(pathOf(linkIn(mail, 'confirm')), { method: 'POST' });
      expect((await subscriberByEmail(strapi(), leaver.email)).status).toBe('subscribed');
      expect(await listIdsOf(strapi(), leaver.id)).toEqual([offers.id]);
    });

    it('expires confirm links after 72 hours and purges requests nobody confirmed', async () => {
      const clock = plugin(strapi()).service('clock');
      const email = `${unique('late')}@example.test`;
      await postJson(ctx.app, `${PUBLIC}/subscribe`, { email, lists: [news.slug] });
      const row = await subscriberByEmail(strapi(), email);
      const confirmUrl = linkIn(await mailTo(strapi(), ctx.smtp, email), 'confirm');
      try {
        clock.advance(73 * 3600 * 1000);
        const late = await ctx.app.request(pathOf(confirmUrl), { method: 'POST' });
        expect(late.status).toBe(404);
        expect(await late.text()).toContain('This link is invalid or has expired');
        expect((await subscriberByEmail(strapi(), email)).status).toBe('pending');

        const days = strapi().config.get('plugin::email-campaigns.pendingPurgeDays') as number;
        expect(await plugin(strapi()).service('subscribers').purgePending(clock.now())).toBe(0);
        clock.advance(days * 86_400_000);
        expect(await plugin(strapi()).service('subscribers').purgePending(clock.now())).toBeGreaterThanOrEqual(1);
        expect(await subscriberByEmail(strapi(), email)).toBeUndefined();
        expect(await count(strapi(), TABLES.subscriberEvents, { subscriber_id: row.id })).toBe(0);
        expect(await count(strapi(), TABLES.deliveries, { subscriber_id: row.id })).toBe(0);
      } finally {
        clock.reset();
      }
    });
  });
}
