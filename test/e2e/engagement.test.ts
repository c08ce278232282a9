/**
 * The engagement report an editor reads (docs/admin.md, "Campaign report"): a sent campaign with
 * links, people's and machines' opens and clicks and a decided A/B subject test, in English and in
 * Vietnamese; the campaigns list's rates; and the editor's tracking controls saving the mode.
 */
import type { Knex } from 'knex';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TABLES, UID } from '../../server/src/constants';
import { ADMIN } from '../helpers/strapi';
import { insertOne } from '../helpers/outbox-fixtures';
import { logIn, openBrowser, type BrowserSession } from './helpers/browser';
import { PLUGIN, startAdminApp, type AdminApp } from './helpers/admin-app';
import { count, eventually, text, visible } from './helpers/wait';

const HOUR = 3_600_000;
const SENT_AT = Date.now() - 6 * HOUR;
const LINK_A = 'https://example.test/spring-programme';
const LINK_B = 'https://example.test/tickets';

let fixture: AdminApp;
let browser: BrowserSession;
let page: Page;
let campaignId: number;
let seq = 0;

const db = (): Knex => fixture.app.strapi.db.connection as unknown as Knex;

async function delivery(variant: number): Promise<number> {
  return insertOne(db(), TABLES.deliveries, {
    kind: 'campaign',
    campaign_id: campaignId,
    email: `reader-${++seq}@example.test`,
    provider: 'main',
    status: 'sent',
    attempts: 1,
    variant,
    sent_at: new Date(SENT_AT),
    created_at: new Date(SENT_AT),
    updated_at: new Date(SENT_AT),
  });
}

async function link(url: string, position: number): Promise<number> {
  return insertOne(db(), TABLES.campaignLinks, {
    document_id: `link-${++seq}`,
    campaign_id: campaignId,
    url,
    url_hash: `hash-${seq}`,
    position,
    created_at: new Date(SENT_AT),
    updated_at: new Date(SENT_AT),
  });
}

type Hit = [kind: 'open' | 'click', deliveryId: number, hoursAfter: number, linkId?: number, machine?: boolean];

async function hits(rows: Hit[]) {
  await db()(TABLES.deliveryEvents).insert(
    rows.map(([kind, deliveryId, hoursAfter, linkId, machine]) => ({
      campaign_id: campaignId,
      delivery_id: deliveryId,
      link_id: linkId ?? null,
      kind,
      machine: machine ?? false,
      source: 'tracking',
      external_id: `e2e-hit-${++seq}`,
      occurred_at: new Date(SENT_AT + hoursAfter * HOUR + 60_000),
      created_at: new Date(SENT_AT),
      updated_at: new Date(SENT_AT),
    })),
  );
}

async function useLanguage(language: 'en' | 'vi') {
  await page.evaluate((code) => localStorage.setItem('strapi-admin-language', code), language);
  await page.reload();
}

describe('the engagement report', () => {
  beforeAll(async () => {
    fixture = await startAdminApp({
      EMAIL_CAMPAIGNS_TRACKING: JSON.stringify({ enabled: true, flushIntervalMs: 2000 }),
    });
    browser = await openBrowser(fixture.app.url);
    page = browser.page;
    const campaign = await fixture.app.strapi.documents(UID.campaign).create({
      data: {
        name: 'Spring issue',
        subject: 'Spring news',
        status: 'sent',
        startedAt: new Date(SENT_AT),
        finishedAt: new Date(SENT_AT + 5 * HOUR),
        tracking: { mode: 'people', opens: true, clicks: true },
        abTest: {
          subjects: ['Spring news', 'Our spring picks'],
          samplePercent: 50,
          waitHours: 4,
          metric: 'clicks',
          winner: 2,
          decidedAt: new Date(SENT_AT + 4 * HOUR).toISOString(),
        },
      } as never,
    });
    campaignId = (campaign as { id: number }).id;
    // Variant 1 went to two people, variant 2 to two, and the winner (2) to the other two.
    const [d1, d2, d3, d4] = [await delivery(1), await delivery(1), await delivery(2), await delivery(2)];
    const [reader] = [await delivery(2), await delivery(2)];
    const programme = await link(LINK_A, 0);
    const tickets = await link(LINK_B, 1);
    await hits([
      ['open', d1, 0],
      ['open', d3, 0],
      ['open', d3, 1],
      ['open', d4, 1],
      ['open', reader, 5],
      ['open', d2, 0, undefined, true],
      ['click', d3, 0, programme],
      ['click', d4, 1, programme],
      ['click', reader, 5, tickets],
      ['click', d1, 0, tickets, true],
    ]);
    await logIn(page, ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.stop();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await browser.screenshot(`failed-${task.name.replace(/\W+/g, '-')}`);
    expect(browser.takeErrors()).toEqual([]);
  });

  it('shows opens, clicks, the links, the chart and the A/B winner in English', async () => {
    await useLanguage('en');
    await page.goto(`${PLUGIN}/campaigns/${campaignId}/report`);
    await visible(page.getByRole('heading', { name: 'Engagement' }));
    // Opens: d1, d3, d4 and a winner's reader; d3 opened twice; a privacy proxy opened d2's.
    await text(page.getByTestId('engagement-opens')).toBe('Opens451');
    await text(page.getByTestId('engagement-clicks')).toBe('Clicks331');
    await visible(page.getByTestId('engagement-counts').getByText('Machine (privacy proxies, link scanners)'));
    await text(page.getByTestId('open-rate')).toBe('66.7%');
    await text(page.getByTestId('click-rate')).toBe('50%');
    await text(page.getByTestId('click-to-open-rate')).toBe('75%');
    await text(page.getByTestId('buffer-note')).toBe('Hits are written every 2 s; a crash may lose the last 2 s.');

    const links = page.getByTestId('engagement-links').getByTestId('link-row');
    await count(links).toBe(2);
    await text(links.nth(0)).toBe(`${LINK_A}220`);
    await text(links.nth(1)).toBe(`${LINK_B}111`);

    const chart = page.getByTestId('engagement-chart');
    await visible(chart);
    // Six hours from the first hit to the last, people only: 2 opens and 1 click in each of the first two.
    await count(chart.locator('[data-testid="chart-bar"]')).toBe(6);
    await count(chart.locator('[data-testid="chart-bar"][data-opens="2"][data-clicks="1"]')).toBe(2);

    await text(page.getByTestId('ab-winner')).toBe('Winner: variant 2, “Our spring picks”');
    const variants = page.getByTestId('ab-variant');
    await text(variants.nth(0)).toBe('1Spring news210');
    await text(variants.nth(1)).toBe('2WinnerOur spring picks433');
    // The admin scrolls inside its main area: bring the chart and the A/B test into view.
    await page.getByTestId('ab-result').scrollIntoViewIfNeeded();
    await browser.screenshot('engagement-report-en');
  });

  it('shows the same report in Vietnamese', async () => {
    await useLanguage('vi');
    try {
      await visible(page.getByRole('heading', { name: 'Tương tác' }));
      await text(page.getByTestId('engagement-opens')).toBe('Lượt mở451');
      await text(page.getByTestId('engagement-clicks')).toBe('Lượt nhấp331');
      await visible(page.getByTestId('engagement-counts').getByText('Máy (proxy bảo mật, trình quét liên kết)'));
      await text(page.getByTestId('open-rate')).toBe('66,7%');
      await text(page.getByTestId('buffer-note')).toBe(
        'Lượt truy cập được ghi mỗi 2 giây; nếu máy chủ gặp sự cố có thể mất 2 giây cuối.',
      );
      await count(page.getByTestId('engagement-links').getByTestId('link-row')).toBe(2);
      await visible(page.getByTestId('engagement-chart'));
      await text(page.getByTestId('ab-winner')).toBe('Thắng: phương án 2, “Our spring picks”');
      // The admin scrolls inside its main area: bring the chart and the A/B test into view.
      await page.getByTestId('ab-result').scrollIntoViewIfNeeded();
      await browser.screenshot('engagement-report-vi');
    } finally {
      await useLanguage('en');
    }
  });

  it('shows open and click rates on the campaigns list', async () => {
    await page.goto(`${PLUGIN}/campaigns`);
    await text(page.getByTestId(`open-rate-${campaignId}`)).toBe('66.7%');
    await text(page.getByTestId(`click-rate-${campaignId}`)).toBe('50%');
  });

  it("saves the editor's tracking mode and switches, and warns when the site tracks nothing", async () => {
    const draft = await fixture.app.strapi
      .documents(UID.campaign)
      .create({ data: { name: 'Tracked draft', subject: 'Hello' } as never });
    const draftId = (draft as { id: number }).id;
    await page.goto(`${PLUGIN}/campaigns/${draftId}`);
    const controls = page.getByTestId('tracking-controls');
    await visible(controls.getByRole('radio', { name: 'Off' }));
    await expect(controls.getByTestId('tracking-site-off').count()).resolves.toBe(0);
    await controls.getByRole('radio', { name: 'Aggregate only' }).click();
    await controls.getByRole('checkbox', { name: 'Opens (a 1×1 image)' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await visible(page.getByText('Campaign saved'));
    const stored = () =>
      fixture.app.strapi.db.query(UID.campaign).findOne({ where: { id: draftId }, select: ['tracking'] });
    await eventually(async () => (await stored())?.tracking).toEqual({ mode: 'aggregate', opens: false, clicks: true });

    fixture.app.strapi.config.set('plugin::email-campaigns.tracking.enabled', false);
    try {
      await page.reload();
      await visible(page.getByTestId('tracking-site-off'));
      await expect(controls.getByRole('radio', { name: 'Aggregate only' }).getAttribute('aria-checked')).resolves.toBe(
        'true',
      );
      await page.goto(`${PLUGIN}/campaigns/${campaignId}/report`);
      await text(page.getByTestId('tracking-off')).toMatch(/^This site does not track opens and clicks/);
      await expect(page.getByTestId('open-rate').textContent()).resolves.toBe('—');
    } finally {
      fixture.app.strapi.config.set('plugin::email-campaigns.tracking.enabled', true);
    }
  });
});
