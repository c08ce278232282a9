/**
 * A user whose role has only the plugin's `read` action sees every page without the buttons
 * that write or send, and the API refuses those calls anyway.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createLimitedAdmin } from '../helpers/strapi';
import { createCampaign, createList, insertSubscribers } from '../helpers/fixtures';
import { logIn, openBrowser, type BrowserSession } from './helpers/browser';
import { PLUGIN, startAdminApp, type AdminApp } from './helpers/admin-app';
import { absent, attribute, count, eventually, visible } from './helpers/wait';
import { showCode } from './helpers/template-view';

let fixture: AdminApp;
let browser: BrowserSession;
let page: Page;
let reader: { email: string; password: string };
let campaignId: number;

describe('a user with only the read permission', () => {
  beforeAll(async () => {
    fixture = await startAdminApp();
    const { strapi } = fixture.app;
    const list = await createList(strapi, 'readers-list');
    await insertSubscribers(strapi, 3, { lists: [Number(list.id)] });
    const campaign = await createCampaign(strapi, { lists: [Number(list.id)], status: 'draft' });
    campaignId = Number(campaign.id);
    reader = await createLimitedAdmin(strapi, ['plugin::email-campaigns.read']);
    browser = await openBrowser(fixture.app.url);
    page = browser.page;
    await logIn(page, reader.email, reader.password);
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.stop();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await browser.screenshot(`failed-${task.name.replace(/\W+/g, '-')}`);
    expect(browser.takeErrors()).toEqual([]);
  });

  it('sees the campaigns without the buttons that write or send', async () => {
    await page.goto(`${PLUGIN}/campaigns`);
    await visible(page.locator(`[data-testid="campaign-row-${campaignId}"]`));
    await absent(page.getByRole('link', { name: 'New campaign' }));
    await absent(page.getByRole('button', { name: 'Duplicate' }));
    await absent(page.getByRole('button', { name: 'Delete' }));

    await page.goto(`${PLUGIN}/campaigns/${campaignId}`);
    // The visual view shows the template with no palette, no editable text, and no move or delete on a block.
    await visible(page.getByTestId('visual-editor'));
    await absent(page.getByTestId('visual-palette'));
    await attribute(page.getByTestId('text-canvas'), 'contenteditable').toBe('false');
    await page.locator('[data-testid="visual-node"][data-kind="text"]').first().click();
    await absent(page.getByRole('button', { name: 'Move down' }));
    expect(await page.locator('[data-testid="visual-node"][draggable="true"]').count()).toBe(0);
    await attribute(await showCode(page), 'contenteditable').toBe('false');
    await eventually(() => page.getAttribute('[data-testid="preview-frame"]', 'srcdoc')).toContain('Hello');
    for (const name of ['Save', 'Send now', 'Schedule', 'Send test', 'Insert Strapi content']) {
      await count(page.getByRole('button', { name, exact: true })).toBe(name === 'Insert Strapi content' ? 1 : 0);
    }
    await eventually(() => page.getByRole('button', { name: 'Insert Strapi content' }).isDisabled()).toBe(true);
    await browser.screenshot('read-only-campaign');
  });

  it('sees subscribers, segments, series, lists and forms without the buttons that change them', async () => {
    await page.goto(`${PLUGIN}/subscribers`);
    await visible(page.getByTestId('subscriber-row').first());
    // Exports are their own action (subscribers.export): read alone does not take the list away.
    for (const name of ['Add a subscriber', 'Import CSV', 'Edit', 'Erase', 'Export CSV']) {
      await absent(page.getByRole('button', { name }));
    }
    // Bulk actions need subscribers.write or subscribers.export: no bar, no row checkboxes.
    await absent(page.getByTestId('bulk-actions'));
    await absent(page.getByRole('checkbox'));

    await page.goto(`${PLUGIN}/segments`);
    await visible(page.getByRole('heading', { name: 'Segments', level: 1 }));
    await absent(page.getByRole('button', { name: 'Create a segment' }));

    await page.goto(`${PLUGIN}/series`);
    await visible(page.getByRole('heading', { name: 'Series', level: 1 }));
    await absent(page.getByRole('button', { name: 'Create a series' }));

    await page.goto(`${PLUGIN}/lists`);
    await visible(page.getByTestId('list-row').first());
    await absent(page.getByRole('button', { name: 'Create a list' }));

    await page.goto(`${PLUGIN}/forms`);
    await visible(page.getByRole('heading', { name: 'Forms', level: 1 }));
    await absent(page.getByRole('button', { name: 'Create a form' }));
  });

  it('is refused by the API when it tries to write or send anyway', async () => {
    const token = await fixture.app.login(reader.email, reader.password);
    const call = async (method: string, path: string, json?: unknown) =>
      (await fixture.app.request(`/email-campaigns${path}`, { method, token, json })).status;

    expect(await call('GET', '/campaigns')).toBe(200);
    expect(await call('POST', '/campaigns', { name: 'Not allowed' })).toBe(403);
    expect(await call('PUT', `/campaigns/${campaignId}`, { name: 'Not allowed' })).toBe(403);
    expect(await call('POST', `/campaigns/${campaignId}/send`)).toBe(403);
    expect(await call('POST', `/campaigns/${campaignId}/test`, { emails: ['a@example.test'] })).toBe(403);
    expect(await call('POST', '/subscribers', { email: 'new@example.test' })).toBe(403);
    expect(await call('POST', '/lists', { name: 'No', slug: 'no' })).toBe(403);
    expect(await call('GET', '/settings')).toBe(403);
    expect(await call('POST', '/settings/providers', { name: 'x', preset: 'custom' })).toBe(403);
  });
});
