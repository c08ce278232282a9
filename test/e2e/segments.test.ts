/**
 * Segments in a real browser: a rule builder whose live count follows each condition as it is
 * added, the saved segment as a campaign's audience, and bulk actions on the subscribers page,
 * each confirmed with the number of people the server counted.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { TABLES, UID } from '../../server/src/constants';
import { ADMIN } from '../helpers/strapi';
import { createList } from '../helpers/fixtures';
import { logIn, openBrowser, type BrowserSession } from './helpers/browser';
import { PLUGIN, startAdminApp, type AdminApp } from './helpers/admin-app';
import { eventually, text } from './helpers/wait';

let fixture: AdminApp;
let browser: BrowserSession;
let page: Page;
const listIds: Record<string, number> = {};

/**
 * Five subscribed people. "Vietnamese pros not in Members" is exactly binh: ana and eve are on
 * Members, chi is on the free plan, dan reads English.
 */
const PEOPLE = [
  { email: 'ana@example.test', locale: 'vi', plan: 'pro', lists: ['Members'] },
  { email: 'binh@example.test', locale: 'vi', plan: 'pro', lists: [] },
  { email: 'chi@example.test', locale: 'vi', plan: 'free', lists: [] },
  { email: 'dan@example.test', locale: 'en', plan: 'pro', lists: [] },
  { email: 'eve@example.test', locale: 'vi', plan: 'pro', lists: ['Members'] },
];

async function choose(combobox: Locator, option: string | RegExp) {
  await combobox.click();
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}

const liveCount = () => text(page.getByRole('dialog').getByTestId('segment-count'));

/** The emails on a list, read from the database the bulk action wrote to. */
async function membersOf(listName: string) {
  const rows = await fixture.app.strapi.db
    .connection(`${TABLES.subscriberLists} as link`)
    .join(`${TABLES.subscribers} as person`, 'person.id', 'link.subscriber_id')
    .where('link.list_id', listIds[listName])
    .select('person.email');
  return rows.map((row: { email: string }) => row.email).sort();
}

describe('segments in the admin', () => {
  beforeAll(async () => {
    fixture = await startAdminApp();
    const { strapi } = fixture.app;
    for (const name of ['Members', 'Pro club']) listIds[name] = Number((await createList(strapi, name)).id);
    for (const person of PEOPLE) {
      await strapi.documents(UID.subscriber).create({
        data: {
          email: person.email,
          status: 'subscribed',
          locale: person.locale,
          attributes: { plan: person.plan },
          source: 'admin',
          lists: person.lists.map((name) => listIds[name]),
        } as never,
      });
    }
    browser = await openBrowser(fixture.app.url);
    page = browser.page;
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

  it('builds a segment whose live count follows each condition, and saves it', async () => {
    await page.goto(`${PLUGIN}/segments`);
    await page.getByRole('button', { name: 'Create a segment' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="name"]').fill('Vietnamese pros');
    // The first condition a new segment has: status is subscribed.
    await liveCount().toBe('5 people match');

    await dialog.getByRole('button', { name: 'Add a condition' }).last().click();
    const language = dialog.getByTestId('segment-condition').nth(1);
    await choose(language.getByRole('combobox', { name: 'Field' }), 'Language');
    await language.getByRole('textbox', { name: 'Value' }).fill('vi');
    await liveCount().toBe('4 people match');

    await dialog.getByRole('button', { name: 'Add a condition' }).last().click();
    const plan = dialog.getByTestId('segment-condition').nth(2);
    await choose(plan.getByRole('combobox', { name: 'Field' }), 'Attribute');
    // A path outside the whitelist: the server's 400 is shown in place of the count.
    await plan.getByRole('textbox', { name: 'Attribute name' }).fill('plan; drop');
    await plan.getByRole('textbox', { name: 'Value' }).fill('pro');
    await text(dialog.getByTestId('segment-count-error')).toContain('the attribute path must be');
    await plan.getByRole('textbox', { name: 'Attribute name' }).fill('plan');
    await liveCount().toBe('3 people match');

    // A nested group, negated: NOT (subscribed to Members).
    await dialog.getByRole('button', { name: 'Add a group' }).first().click();
    const group = dialog.getByTestId('segment-group').nth(1);
    await group.getByRole('checkbox', { name: /NOT/ }).click();
    const membership = group.getByTestId('segment-condition').first();
    await choose(membership.getByRole('combobox', { name: 'Field' }), 'List membership');
    await choose(membership.getByRole('combobox', { name: 'Value' }), 'Members');
    await liveCount().toBe('1 person matches');
    // The browser logs each refused count (the bad path, and conditions caught half-typed): those only.
    const refused = browser.takeErrors();
    expect(refused.length).toBeGreaterThan(0);
    for (const error of refused)
      expect(error).toMatch(/status of 400 \(Bad Request\) \(http:[^)]+\/segments\/count\)$/);
    await browser.screenshot('segment-builder');

    await dialog.getByRole('button', { name: 'Save' }).click();
    const row = page.getByTestId('segment-row').filter({ hasText: 'Vietnamese pros' });
    await text(row.getByTestId('segment-row-count')).toBe('1');
    await browser.screenshot('segments');
  });

  it('offers the segment as a campaign audience beside the lists', async () => {
    await page.goto(`${PLUGIN}/campaigns/new`);
    await page.locator('input[name="name"]').fill('For Vietnamese pros');
    await text(page.getByTestId('audience-size')).toBe('Nobody will receive it yet');
    await page
      .getByRole('combobox')
      .filter({ hasText: /Choose segments/ })
      .click();
    await page.getByRole('option', { name: 'Vietnamese pros' }).click();
    await page.keyboard.press('Escape');
    await text(page.getByTestId('audience-size')).toBe('1 subscriber will receive it');
    // With a list too, each person counts once: Members adds ana and eve to binh.
    await page
      .getByRole('combobox')
      .filter({ hasText: /Choose the lists/ })
      .click();
    await page.getByRole('option', { name: /Members/ }).click();
    await page.keyboard.press('Escape');
    await text(page.getByTestId('audience-size')).toBe('3 subscribers will receive it');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(/\/campaigns\/\d+$/);
    const id = Number(page.url().split('/').pop());
    const saved = await fixture.app.strapi.documents(UID.campaign).findFirst({
      filters: { id } as never,
      populate: ['segments'] as never,
    });
    expect((saved as unknown as { segments: Array<{ name: string }> }).segments.map((s) => s.name)).toEqual([
      'Vietnamese pros',
    ]);
    await browser.screenshot('campaign-segments');
  });

  it('runs a bulk "add to list" on the segment, confirmed with its count', async () => {
    await page.goto(`${PLUGIN}/subscribers`);
    const bar = page.getByTestId('bulk-actions');
    await choose(bar.getByRole('combobox', { name: 'People' }), 'Segment: Vietnamese pros');
    await choose(bar.getByRole('combobox', { name: 'Bulk action' }), 'Add to a list');
    await choose(bar.getByRole('combobox', { name: 'Which list' }), 'Pro club');
    await bar.getByRole('button', { name: 'Continue' }).click();
    const confirm = page.getByRole('alertdialog');
    await text(confirm.getByTestId('bulk-confirm-count')).toBe('This touches 1 person.');
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await eventually(() => membersOf('Pro club')).toEqual(['binh@example.test']);
  });

  it('runs a bulk action on checked rows', async () => {
    await page.goto(`${PLUGIN}/subscribers`);
    for (const email of ['chi@example.test', 'dan@example.test'])
      await page.getByRole('checkbox', { name: `Select ${email}` }).click();
    const bar = page.getByTestId('bulk-actions');
    await text(bar.getByRole('combobox', { name: 'People' })).toBe('2 selected rows');
    await choose(bar.getByRole('combobox', { name: 'Bulk action' }), 'Add to a list');
    await choose(bar.getByRole('combobox', { name: 'Which list' }), 'Members');
    await bar.getByRole('button', { name: 'Continue' }).click();
    const confirm = page.getByRole('alertdialog');
    await text(confirm.getByTestId('bulk-confirm-count')).toBe('This touches 2 people.');
    await browser.screenshot('subscribers-bulk');
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await eventually(() => membersOf('Members')).toEqual([
      'ana@example.test',
      'chi@example.test',
      'dan@example.test',
      'eve@example.test',
    ]);
  });

  it('picks people by engagement: a sent campaign or any, and days without a human open', async () => {
    const { strapi } = fixture.app;
    const sentCampaign = async (name: string) =>
      Number(
        (await strapi.documents(UID.campaign).create({ data: { name, subject: name, status: 'sent' } as never })).id,
      );
    const march = await sentCampaign('March issue');
    const april = await sentCampaign('April issue');
    const now = Date.now();
    let serial = 0;
    const hit = async (email: string, campaignId: number, daysAgo: number, kind = 'open', machine = false) => {
      const person = await strapi.db.connection(TABLES.subscribers).where({ email }).first('id');
      await strapi.db.connection(TABLES.deliveryEvents).insert({
        subscriber_id: Number(person.id),
        campaign_id: campaignId,
        kind,
        machine,
        source: 'tracking',
        external_id: `e2e-engagement-${++serial}`,
        occurred_at: new Date(now - daysAgo * 86_400_000),
        created_at: new Date(now),
        updated_at: new Date(now),
      });
    };
    await hit('ana@example.test', march, 1);
    await hit('binh@example.test', april, 40);
    await hit('chi@example.test', march, 1, 'open', true); // a privacy proxy's open: not a person's
    await hit('dan@example.test', april, 2, 'click');

    await page.goto(`${PLUGIN}/segments`);
    await page.getByRole('button', { name: 'Create a segment' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="name"]').fill('Dormant readers');
    const condition = dialog.getByTestId('segment-condition').first();
    await choose(condition.getByRole('combobox', { name: 'Field' }), 'Engagement');
    // Opened any campaign: ana and binh (chi's open was a machine's).
    await liveCount().toBe('2 people match');
    await choose(condition.getByRole('combobox', { name: 'Campaign' }), 'March issue');
    await liveCount().toBe('1 person matches');
    await choose(condition.getByRole('combobox', { name: 'Operator' }), 'clicked a link in');
    await choose(condition.getByRole('combobox', { name: 'Campaign' }), 'April issue');
    await liveCount().toBe('1 person matches');

    await choose(condition.getByRole('combobox', { name: 'Operator' }), 'opened nothing in the last (days)');
    const days = condition.getByRole('spinbutton', { name: 'Days' });
    expect(await days.inputValue()).toBe('30');
    // No human open in 30 days: binh (40 days ago), chi (a machine), dan (a click only) and eve.
    await liveCount().toBe('4 people match');
    await days.fill('60');
    await liveCount().toBe('3 people match');
    await browser.screenshot('segment-engagement');

    await dialog.getByRole('button', { name: 'Save' }).click();
    const row = page.getByTestId('segment-row').filter({ hasText: 'Dormant readers' });
    await text(row.getByTestId('segment-row-count')).toBe('3');
  });

  it("shows a person's tracking opt-out in their subscriber modal, read-only", async () => {
    await fixture.app.strapi.db
      .connection(TABLES.subscribers)
      .where({ email: 'ana@example.test' })
      .update({ tracking_opt_out: true });
    await page.goto(`${PLUGIN}/subscribers`);
    for (const [email, shown] of [
      ['ana@example.test', 'Asked for mail without open and click tracking (preferences page).'],
      ['binh@example.test', 'Has not opted out of open and click tracking.'],
    ]) {
      await page.getByRole('row').filter({ hasText: email }).getByRole('button', { name: 'Edit' }).click();
      const dialog = page.getByRole('dialog');
      await text(dialog.getByTestId('subscriber-tracking')).toBe(shown);
      await expect(dialog.getByRole('checkbox', { name: /tracking/i }).count()).resolves.toBe(0);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
    }
  });
});
