/**
 * A welcome series in a real browser: created with three steps, shown as a timeline of its
 * steps in order with their delays and report counts (which move when a person joins and the
 * tick sends step 1), paused and resumed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ADMIN } from '../helpers/strapi';
import { createList } from '../helpers/fixtures';
import { logIn, openBrowser, type BrowserSession } from './helpers/browser';
import { PLUGIN, startAdminApp, tickSender, type AdminApp } from './helpers/admin-app';
import { attribute, count, eventually, text, visible } from './helpers/wait';
import { showCode } from './helpers/template-view';

let fixture: AdminApp;
let browser: BrowserSession;
let page: Page;

async function choose(combobox: Locator, option: string) {
  await combobox.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const texts = (locator: Locator) =>
  eventually(async () => (await locator.allTextContents()).map((item) => item.replace(/\s+/g, ' ').trim()));

describe('series in the admin', () => {
  beforeAll(async () => {
    fixture = await startAdminApp();
    await createList(fixture.app.strapi, 'Newcomers');
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

  it('creates a three-step series and shows its timeline', async () => {
    await page.goto(`${PLUGIN}/series`);
    await page.getByRole('button', { name: 'Create a series' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="name"]').fill('Welcome');
    await choose(dialog.getByRole('combobox', { name: 'List' }), 'Newcomers');
    await choose(dialog.getByRole('combobox', { name: 'Starts when a person' }), 'joins the list by any path');

    // The first step goes at once; each added one starts a unit after the one before.
    await dialog.locator('input[name="subject-0"]').fill('Welcome aboard');
    await dialog.getByRole('button', { name: 'Add a step' }).click();
    await dialog.locator('input[name="delay-1"]').fill('2');
    await dialog.locator('input[name="subject-1"]').fill('Getting started');
    await dialog.getByRole('button', { name: 'Add a step' }).click();
    await dialog.locator('input[name="delay-2"]').fill('7');
    await dialog.locator('input[name="subject-2"]').fill('A week in');
    await dialog.getByRole('button', { name: 'Save' }).click();

    const card = page.getByTestId('series-card').filter({ hasText: 'Welcome' });
    await count(card.getByTestId('series-step')).toBe(3);
    await texts(card.getByTestId('series-step-delay')).toEqual(['At once', 'After 2 days', 'After 7 days']);
    await texts(card.getByTestId('series-step-subject')).toEqual(['Welcome aboard', 'Getting started', 'A week in']);
    await texts(card.getByTestId('series-step-counts')).toEqual(
      Array(3).fill('0 sent · 0 queued · 0 failed · 0 bounced'),
    );
    await text(card.getByTestId('series-enrolled')).toBe('0 enrolled, 0 still active');
    // Each step's content is edited in the campaign editor, and its report is the campaign's.
    const firstStep = card.getByTestId('series-step').first();
    expect(await firstStep.getByRole('link', { name: 'Edit the content' }).getAttribute('href')).toMatch(
      /\/campaigns\/\d+$/,
    );
    expect(await firstStep.getByRole('link', { name: 'Report' }).getAttribute('href')).toMatch(
      /\/campaigns\/\d+\/report$/,
    );
  });

  it('counts a person who joins the list: step 1 goes at once, the later steps wait for their delay', async () => {
    await page.goto(`${PLUGIN}/subscribers`);
    await page.getByRole('button', { name: 'Add a subscriber' }).click();
    const form = page.getByRole('dialog');
    await form.locator('input[name="email"]').fill('newcomer@example.test');
    await form.getByRole('combobox').nth(1).click();
    await page.getByRole('option', { name: 'Newcomers' }).click();
    await page.keyboard.press('Escape');
    await form.getByRole('button', { name: 'Save' }).click();
    await visible(page.getByTestId('subscriber-row').filter({ hasText: 'newcomer@example.test' }));

    fixture.smtp.clear();
    await tickSender(fixture.app);
    const [mail] = await fixture.smtp.waitFor(1);
    expect(mail.subject).toBe('Welcome aboard');

    await page.goto(`${PLUGIN}/series`);
    const card = page.getByTestId('series-card').filter({ hasText: 'Welcome' });
    await text(card.getByTestId('series-enrolled')).toBe('1 enrolled, 1 still active');
    await texts(card.getByTestId('series-step-counts')).toEqual([
      '1 sent · 0 queued · 0 failed · 0 bounced',
      '0 sent · 0 queued · 0 failed · 0 bounced',
      '0 sent · 0 queued · 0 failed · 0 bounced',
    ]);
    await browser.screenshot('series');

    // A step sends as long as its series lives; its content stays editable in the campaign editor.
    await card.getByTestId('series-step').first().getByRole('link', { name: 'Edit the content' }).click();
    await page.waitForURL(/\/campaigns\/\d+$/);
    await attribute(await showCode(page), 'contenteditable').toBe('true');
    await visible(page.getByRole('button', { name: 'Save', exact: true }));
  });

  it('pauses and resumes a series', async () => {
    await page.goto(`${PLUGIN}/series`);
    const card = page.getByTestId('series-card').filter({ hasText: 'Welcome' });
    await card.getByRole('button', { name: 'Pause' }).click();
    await visible(card.getByText('Paused', { exact: true }));
    await card.getByRole('button', { name: 'Resume' }).click();
    await visible(card.getByRole('button', { name: 'Pause' }));
  });
});
