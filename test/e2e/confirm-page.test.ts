/**
 * The pages behind links in mail, in a real browser that runs scripts as some link scanners do:
 * the confirm page changes nothing until its button is pressed, an expired preferences link
 * offers a fresh one by mail, and a list's public archive shows its copies without running scripts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootStrapi, type TestStrapi } from '../helpers/strapi';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import {
  GENEROUS_LIMITS,
  PUBLIC,
  linkIn,
  listIdsOf,
  mailTo,
  pathOf,
  plugin,
  postJson,
  setRateLimits,
  subscriberByEmail,
  unique,
} from '../fixtures/audience';
import { openBrowser, type BrowserSession } from './helpers/browser';

let app: TestStrapi;
let smtp: TestSmtpServer;
let browser: BrowserSession;

describe('the pages behind links in mail, in Chromium', () => {
  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await bootStrapi({ db: 'sqlite', smtp: { host: smtp.host, port: smtp.port } });
    setRateLimits(app.strapi, GENEROUS_LIMITS);
    browser = await openBrowser(app.url);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await smtp?.close();
  });

  async function createList(): Promise<{ id: number; slug: string }> {
    const slug = unique('list');
    const res = await app.request('/email-campaigns/lists', {
      method: 'POST',
      token: await app.login(),
      json: { name: `List ${slug}`, slug, doubleOptIn: true, public: true },
    });
    return (await res.json()).data;
  }

  it('confirms nothing when the page is opened with scripts running, only when its button is pressed', async () => {
    const list = await createList();
    const email = `${unique('scanner')}@example.test`;
    expect((await postJson(app, `${PUBLIC}/subscribe`, { email, lists: [list.slug] })).status).toBe(200);
    const confirmUrl = linkIn(await mailTo(app.strapi, smtp, email), 'confirm');

    const { page } = browser;
    await page.goto(confirmUrl);
    await page.waitForLoadState('networkidle');
    // Long enough for any script or meta refresh to have acted.
    await page.waitForTimeout(1500);
    expect(new URL(page.url()).pathname).toBe(`${PUBLIC}/confirm`);
    await expect(page.getByRole('button', { name: 'Confirm' }).isVisible()).resolves.toBe(true);
    const before = await subscriberByEmail(app.strapi, email);
    expect(before.status).toBe('pending');
    expect(await listIdsOf(app.strapi, before.id)).toEqual([]);
    await browser.screenshot('confirm-page-before-click');

    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('You are subscribed').first().waitFor();
    const after = await subscriberByEmail(app.strapi, email);
    expect(after.status).toBe('subscribed');
    expect(await listIdsOf(app.strapi, after.id)).toEqual([list.id]);
    expect(browser.takeErrors()).toEqual([]);
  });

  it('offers a fresh preferences link on an expired one and mails it when asked', async () => {
    const list = await createList();
    const email = `${unique('expired')}@example.test`;
    await postJson(app, `${PUBLIC}/subscribe`, { email, lists: [list.slug] });
    const confirmUrl = linkIn(await mailTo(app.strapi, smtp, email), 'confirm');
    expect((await app.request(pathOf(confirmUrl), { method: 'POST' })).status).toBe(200);
    const person = await subscriberByEmail(app.strapi, email);
    const oldLink = plugin(app.strapi).service('links').preferencesUrl(person.id);
    const clock = plugin(app.strapi).service('clock');
    clock.advance(91 * 86_400_000);
    try {
      const { page } = browser;
      await page.goto(oldLink);
      await page.getByRole('heading', { name: 'This link has expired' }).waitFor();
      await browser.screenshot('preferences-link-expired');
      const mailsBefore = smtp.to(email).length;
      await page.getByRole('button', { name: 'Email me a new link' }).click();
      await page.getByText('a new link is on its way').waitFor();
      const deadline = Date.now() + 15_000;
      while (smtp.to(email).length === mailsBefore && Date.now() < deadline) {
        await plugin(app.strapi).service('sender').tick();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const mail = smtp.to(email)[mailsBefore];
      expect(mail.subject).toBe('Your link to your email preferences');
      await page.goto(linkIn(mail, 'preferences'));
      await page.getByRole('heading', { name: 'Your email preferences' }).waitFor();
      // The expired page answers 410 on purpose; Chromium logs that status, and nothing else may appear.
      expect(browser.takeErrors().filter((error) => !error.includes('status of 410 (Gone)'))).toEqual([]);
    } finally {
      clock.reset();
    }
  });

  it('shows a public archive and its copy in Chromium, where a script in the message does not run', async () => {
    const list = await createList();
    const token = await app.login();
    const mjml = `<mjml><mj-body><mj-section><mj-column>
      <mj-text>Hello {{ subscriber.name | default: "reader" }}</mj-text>
      <mj-raw><script>document.title = 'script ran'</script></mj-raw>
      <mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button>
    </mj-column></mj-section></mj-body></mjml>`;
    const json = { name: unique('archived'), subject: 'Archived issue', mjml, lists: [list.id], public: true };
    const created = await (await app.request('/email-campaigns/campaigns', { method: 'POST', token, json })).json();
    const id = created.data.id as number;
    const sent = await app.request(`/email-campaigns/campaigns/${id}/send`, { method: 'POST', token });
    expect(sent.status).toBe(200);
    await plugin(app.strapi).service('sender').run();

    const { page } = browser;
    await page.goto(`${app.url}${PUBLIC}/archive/${list.slug}`);
    await page.getByRole('link', { name: 'Archived issue' }).click();
    await page.getByText('Hello reader').first().waitFor();
    expect(new URL(page.url()).pathname).toBe(`${PUBLIC}/archive/${list.slug}/${id}`);
    expect(await page.title()).toBe('Archived issue');
    // The script is in the page as served: the policy, not the compile, keeps it from running.
    const served = await (await app.request(`${PUBLIC}/archive/${list.slug}/${id}`)).text();
    expect(served).toContain("<script>document.title = 'script ran'</script>");
    await browser.screenshot('archive-copy');
    // The only errors are the browser reporting the scripts the page's policy refused.
    expect(browser.takeErrors().filter((error) => !/Content Security Policy|sandboxed/i.test(error))).toEqual([]);
  });
});
