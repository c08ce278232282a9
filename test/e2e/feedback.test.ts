/**
 * What the plugin hears after the hand-off, as a site owner sees it in a real browser: the
 * webhook URLs and setup notes in Settings, the domain check against a local DNS server, a
 * campaign the reputation circuit breaker paused, and its report's bounce and complaint figures
 * (a complaint posted to the Brevo webhook over real HTTP).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TABLES } from '../../server/src/constants';
import { signDeliveryRef } from '../../server/src/services/feedback/delivery-ref';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';
import { brevoEvent } from '../helpers/feedback-events';
import { createCampaign, createList, insertSubscribers } from '../helpers/fixtures';
import { ADMIN, baseEnv } from '../helpers/strapi';
import { feedbackConfig, signBrevo } from '../helpers/webhook-signing';
import { logIn, openBrowser, type BrowserSession } from './helpers/browser';
import { PLUGIN, startAdminApp, tickSender, type AdminApp } from './helpers/admin-app';
import { attribute, count, text, visible } from './helpers/wait';

let fixture: AdminApp;
let dns: TestDnsServer;
let browser: BrowserSession;
let page: Page;
let campaignId: number;
let complainer: string;
let bouncedCount: number;

describe('bounces, complaints and the domain in the admin', () => {
  beforeAll(async () => {
    // The test app sends as news@example.test through 127.0.0.1: SPF covers it, DMARC is missing.
    dns = await startDnsServer({ zone: { 'example.test': { TXT: ['v=spf1 ip4:127.0.0.0/8 -all'] } } });
    fixture = await startAdminApp({
      EMAIL_CAMPAIGNS_FEEDBACK: JSON.stringify({
        webhooks: { brevo: feedbackConfig().webhooks.brevo },
        dns: { servers: [dns.address], timeoutMs: 2000 },
        // Judged from 20 messages, so a small campaign shows the breaker at work.
        breaker: { minSends: 20 },
      }),
    });
    const { strapi } = fixture.app;
    const list = await createList(strapi, 'breaker-list');
    await insertSubscribers(strapi, 60, { prefix: 'reader', lists: [Number(list.id)] });
    // One address in five does not exist: 20 % hard bounces, far above the 5 % line.
    fixture.smtp.failRcpt(550, '5.1.1 No such user', { match: (rcpt) => Number(/-(\d+)@/.exec(rcpt)?.[1]) % 5 === 0 });
    const campaign = await createCampaign(strapi, { lists: [list] });
    campaignId = Number(campaign.id);
    await tickSender(fixture.app);

    // A reader of it reports spam through Brevo, signed with the webhook's token.
    const [row] = await strapi.db
      .connection(TABLES.deliveries)
      .where({ campaign_id: campaignId, status: 'sent' })
      .orderBy('id')
      .limit(1)
      .select('id', 'email', 'message_id');
    complainer = row.email;
    bouncedCount = Number(
      (await strapi.db.connection(TABLES.subscribers).where('status', 'bounced').count({ n: '*' }))[0].n,
    );
    const complaint = signBrevo(
      brevoEvent('complaint', {
        id: Number(row.id),
        campaignId,
        subscriberId: 0,
        email: row.email,
        messageId: String(row.message_id).slice(1, -1),
        ref: signDeliveryRef(baseEnv().EMAIL_CAMPAIGNS_SECRET, Number(row.id)),
      }),
    );
    const posted = await fixture.app.request('/api/email-campaigns/webhooks/brevo', {
      method: 'POST',
      headers: complaint.headers,
      body: complaint.body,
    });
    expect(posted.status).toBe(200);

    browser = await openBrowser(fixture.app.url);
    page = browser.page;
    await logIn(page, ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.stop();
    await dns?.stop();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await browser.screenshot(`failed-${task.name.replace(/\W+/g, '-')}`);
    expect(browser.takeErrors()).toEqual([]);
  });

  it('shows each webhook URL with its setup note, and which ones config/plugins.js set up', async () => {
    await page.goto('/admin/settings/email-campaigns/providers');
    const brevo = page.getByTestId('webhook-brevo');
    await attribute(brevo, 'data-configured').toBe('true');
    await text(brevo.getByTestId('webhook-url')).toBe(`${fixture.app.url}/api/email-campaigns/webhooks/brevo`);
    await text(brevo).toContain('feedback.webhooks.brevo.tokens');
    await visible(brevo.getByRole('button', { name: 'Copy URL' }));
    await attribute(page.getByTestId('webhook-sendgrid'), 'data-configured').toBe('false');
    await text(page.getByTestId('bounce-mailbox')).toContain('No bounce mailbox');
  });

  it('checks the From domain and shows the DMARC record to publish', async () => {
    const card = page.getByTestId('provider-main');
    await card.getByRole('button', { name: 'Check the domain' }).click();
    await attribute(card.getByTestId('domain-spf'), 'data-status').toBe('pass');
    await attribute(card.getByTestId('domain-dkim'), 'data-status').toBe('not-configured');
    const dmarc = card.getByTestId('domain-dmarc');
    await attribute(dmarc, 'data-status').toBe('missing');
    await text(dmarc).toContain('_dmarc.example.test');
    await text(dmarc.getByTestId('domain-fix')).toContain('v=DMARC1');
    await browser.screenshot('settings-feedback');
  });

  it('shows the campaign paused by the reputation circuit breaker, with the reason', async () => {
    await page.goto(`${PLUGIN}/campaigns`);
    const row = page.locator(`[data-testid="campaign-row-${campaignId}"]`);
    await visible(row.locator('[data-status="paused"]'));
    await text(row).toContain('Reputation circuit breaker');
  });

  it("shows the report's hard bounces and complaints with their rates", async () => {
    await page.goto(`${PLUGIN}/campaigns/${campaignId}/report`);
    await text(page.getByText(/Reputation circuit breaker/).first()).toMatch(/bounced/);
    const counts = await fixture.app.strapi.db
      .connection(TABLES.deliveries)
      .where({ campaign_id: campaignId })
      .select('status')
      .count({ n: '*' })
      .groupBy('status');
    const bounced = Number(counts.find((c: { status: string }) => c.status === 'bounced')?.n ?? 0);
    expect(bounced).toBeGreaterThanOrEqual(4);
    await text(page.getByTestId('feedback-hard')).toBe(String(bounced));
    await text(page.getByTestId('feedback-complaints')).toBe('1');
    await text(page.getByTestId('feedback-complaints-rate')).toMatch(/% of \d+ sent/);
    await browser.screenshot('report-feedback');
  });

  it('filters the subscribers page by complained and by bounced', async () => {
    await page.goto(`${PLUGIN}/subscribers`);
    const filter = page.getByRole('combobox', { name: 'Status' });
    await filter.click();
    await page.getByRole('option', { name: 'Complained' }).click();
    await count(page.getByTestId('subscriber-row')).toBe(1);
    await text(page.getByTestId('subscriber-row')).toContain(complainer);

    await filter.click();
    await page.getByRole('option', { name: 'Bounced' }).click();
    const rows = page.getByTestId('subscriber-row');
    await count(rows).toBe(bouncedCount);
    // Every fifth reader's address does not exist: exactly those are listed.
    for (const row of await rows.all()) expect(await row.textContent()).toMatch(/reader-\d*[05]@/);
  });
});
