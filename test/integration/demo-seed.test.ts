/**
 * `npm run demo` seeds a subscribe form, templates and publish rules, and prints the hosted form's address
 * beside the admin's: that address must subscribe a newcomer, who confirms from the mail.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootStrapi, type TestStrapi } from '../helpers/strapi';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { linkIn, listIdsOf, mailTo, pathOf, postForm, subscriberByEmail } from '../fixtures/audience';
import { UID } from '../../server/src/constants';

type Json = any;
const seed = createRequire(import.meta.url)('../app/src/seed.js') as {
  seedDemoData(strapi: unknown): Promise<void>;
  hostedFormUrl(base: string): string;
  PUBLISH_RULES: Array<{ name: string }>;
  DEMO_TRACKING: Record<string, boolean>;
  TRACKED_CAMPAIGN: { name: string };
};

describe("the demo's visitor side", () => {
  let app: TestStrapi;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    // With the tracking the demo starts with (test/scripts/demo.js sets the same variable).
    app = await bootStrapi({
      db: 'sqlite',
      smtp: { host: smtp.host, port: smtp.port },
      env: { EMAIL_CAMPAIGNS_TRACKING: JSON.stringify(seed.DEMO_TRACKING) },
    });
    // Twice: the demo seeds on every start and must add nothing the second time.
    await seed.seedDemoData(app.strapi);
    await seed.seedDemoData(app.strapi);
  });

  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  });

  it('seeds the publish rules the demo prints: news articles as drafts for review, a weekly digest', async () => {
    const answer = await app.request('/email-campaigns/publish-rules', { token: await app.login() });
    const rules = ((await answer.json()) as Json).data;
    const newsletter = await app.strapi.db.query(UID.list).findOne({ where: { slug: 'newsletter' } });
    const articleTemplate = await app.strapi.db.query(UID.template).findOne({ where: { name: 'New article' } });
    expect(rules.map((rule: Json) => rule.name).sort()).toEqual(seed.PUBLISH_RULES.map((rule) => rule.name).sort());
    expect(rules.find((rule: Json) => rule.mode === 'each')).toMatchObject({
      contentType: 'api::article.article',
      conditions: [{ field: 'category', operator: 'eq', value: 'news' }],
      template: `template:${articleTemplate.id}`,
      lists: [newsletter.id],
      eachAction: 'draft',
      paused: false,
    });
    expect(rules.find((rule: Json) => rule.mode === 'digest')).toMatchObject({
      template: 'starter-digest',
      digest: { frequency: 'weekly', weekday: 1, time: '09:00', timezone: 'UTC' },
      paused: false,
    });
  });

  it('seeds one form and two templates, and the printed hosted form subscribes a visitor who confirms', async () => {
    expect(await app.strapi.db.query(UID.form).count()).toBe(1);
    const templates = await app.request('/email-campaigns/templates', { token: await app.login() });
    const saved = ((await templates.json()) as Json).data.filter((t: Json) => !t.starter);
    expect(saved.map((t: Json) => t.name).sort()).toEqual(['Monthly newsletter', 'New article']);

    const url = seed.hostedFormUrl(app.url);
    expect(url).toBe(`${app.url}/api/email-campaigns/forms/newsletter`);
    const page = await app.request(pathOf(url));
    expect(page.status).toBe(200);
    const html = await page.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    expect(action).toBe('../subscribe');
    const form = /name="form" value="([^"]+)"/.exec(html)?.[1];
    expect(form).toBe('newsletter');

    const email = 'newcomer@example.test';
    const posted = await postForm(app, pathOf(new URL(action!, url).href), { form: form!, email, website: '' });
    expect(posted.status).toBe(200);
    expect(await subscriberByEmail(app.strapi, email)).toMatchObject({ status: 'pending', source: 'form:newsletter' });

    const mail = await mailTo(app.strapi, smtp, email);
    const confirm = await app.request(pathOf(linkIn(mail, 'confirm')), { method: 'POST' });
    expect(confirm.status).toBe(200);
    const person = await subscriberByEmail(app.strapi, email);
    expect(person.status).toBe('subscribed');
    const newsletter = await app.strapi.db.query(UID.list).findOne({ where: { slug: 'newsletter' } });
    expect(await listIdsOf(app.strapi, person.id)).toEqual([newsletter.id]);

    // Confirming starts the newsletter's welcome series: its first step comes at once.
    const welcome = await mailTo(app.strapi, smtp, email, 15_000, 'Welcome aboard!');
    expect(welcome.html).toContain('Thank you for confirming');
  });

  it('seeds one three-step welcome series on the newsletter list, shown with its steps', async () => {
    const res = await app.request('/email-campaigns/series', { token: await app.login() });
    expect(res.status).toBe(200);
    const all = ((await res.json()) as Json).data;
    expect(all.map((s: Json) => s.name)).toEqual(['Welcome series']);
    expect(all[0]).toMatchObject({ trigger: 'confirmed', paused: false, list: { slug: 'newsletter' } });
    expect(all[0].steps.map((s: Json) => [s.position, s.delayMinutes, s.subject])).toEqual([
      [1, 0, 'Welcome aboard!'],
      [2, 2880, 'Our most read stories'],
      [3, 10080, 'One week with us'],
    ]);
  });

  it('seeds a tracked, public draft with "View in browser", on a site that tracks people', async () => {
    const token = await app.login();
    const settings = await app.request('/email-campaigns/settings', { token });
    expect(((await settings.json()) as Json).data.tracking).toEqual({ enabled: true, aggregateOnly: false });
    const campaigns = await app.strapi.db
      .query(UID.campaign)
      .findMany({ where: { name: seed.TRACKED_CAMPAIGN.name }, populate: { lists: true } });
    expect(campaigns).toHaveLength(1);
    const [tracked] = campaigns;
    expect(tracked).toMatchObject({
      status: 'draft',
      public: true,
      tracking: { mode: 'people', opens: true, clicks: true },
      lists: [expect.objectContaining({ slug: 'newsletter' })],
    });
    expect(tracked.mjml).toContain('<a href="{{ web_url }}">View in browser</a>');
    expect(tracked.mjml).toMatch(/<mj-button href="https:\/\/example\.test\/blog"/);
    expect(tracked.mjml).toContain('{{ preferences_url }}');
    // A reader of the demo can turn tracking off: their preferences page offers it.
    const ada = await subscriberByEmail(app.strapi, 'ada@example.test');
    const url = app.strapi.plugin('email-campaigns').service('links').preferencesUrl(ada.id);
    const page = await app.request(pathOf(url), { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('Don&#39;t record when I open these emails or click their links');
  });
});
