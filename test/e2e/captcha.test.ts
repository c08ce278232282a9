/**
 * The ALTCHA widget in a real browser (issue #10, list bombing): the hosted form loads the widget
 * from this site under its Content-Security-Policy without a single violation, Chromium solves
 * the challenge in the widget's own workers, the form posts the solution and subscribes; the same
 * solution posted again is refused with 400. The embed snippet does the same on a page of
 * another origin, where the widget's workers start from a blob that imports ours.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES, UID } from '../../server/src/constants';
import { bootStrapi, type TestStrapi } from '../helpers/strapi';
import { openBrowser, type BrowserSession } from './helpers/browser';

let app: TestStrapi;
let browser: BrowserSession;

describe('the captcha widget on the hosted form', () => {
  beforeAll(async () => {
    app = await bootStrapi({ db: 'sqlite', env: { EMAIL_CAMPAIGNS_CAPTCHA: JSON.stringify({ enabled: true }) } });
    const news = await app.strapi
      .documents(UID.list)
      .create({ data: { name: 'News', slug: 'news', doubleOptIn: true, public: true } as never });
    await app.strapi.documents(UID.form).create({
      data: { name: 'Newsletter', slug: 'newsletter', lists: [news.documentId], doubleOptIn: true } as never,
    });
    browser = await openBrowser(app.url);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('solves the challenge in Chromium under the page’s CSP, subscribes once, and the replay is refused', async () => {
    const { page } = browser;
    const violations: string[] = [];
    await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        (window as unknown as { reportViolation: (t: string) => void }).reportViolation(
          `${event.violatedDirective} ${event.blockedURI}`,
        ),
      );
    });
    await page.goto('/api/email-campaigns/forms/newsletter');
    await page.getByLabel('Email address').fill('widget@example.test');
    await page.getByText("I'm not a robot").click();
    await page.locator('altcha-widget [data-state="verified"]').waitFor({ timeout: 60_000 });
    const solution = await page.locator('altcha-widget input[name="altcha"]').inputValue();
    expect(JSON.parse(Buffer.from(solution, 'base64').toString())).toMatchObject({ algorithm: 'SHA-256' });
    await browser.screenshot('captcha-solved');

    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.getByText('Check your inbox').waitFor();
    const row = await app.strapi.db.connection(TABLES.subscribers).where('email', 'widget@example.test').first();
    expect(row?.status).toBe('pending');
    expect(violations).toEqual([]);
    expect(browser.takeErrors()).toEqual([]);

    const replay = await app.request('/api/email-campaigns/subscribe', {
      method: 'POST',
      json: { email: 'replay@example.test', lists: ['news'], altcha: solution },
    });
    expect(replay.status).toBe(400);
    expect((await replay.json()).error.message).toBe('This captcha solution was already used. Please solve a new one.');
  });

  it('works from the embed snippet on a page of another origin', async () => {
    const forms = app.strapi.plugin('email-campaigns').service('forms');
    const { html } = forms.embed(await forms.findBySlug('newsletter'));
    expect(html).toContain(`<script src="${app.url}/api/email-campaigns/captcha/altcha.js" defer></script>`);
    const site = http.createServer((_, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html lang="en"><head><title>Someone's site</title></head><body>${html}</body></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    try {
      const { page } = browser;
      await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
      await page.getByLabel('Email address').fill('embedded@example.test');
      await page.getByText("I'm not a robot").click();
      await page.locator('altcha-widget [data-state="verified"]').waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Subscribe' }).click();
      await page.getByText('Check your inbox').waitFor();
      const row = await app.strapi.db.connection(TABLES.subscribers).where('email', 'embedded@example.test').first();
      expect(row?.status).toBe('pending');
      expect(browser.takeErrors()).toEqual([]);
    } finally {
      site.closeAllConnections();
      await new Promise((resolve) => site.close(resolve));
    }
  });
});
