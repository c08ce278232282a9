/**
 * The composer as an editor uses it: an image uploaded in Strapi's Media Library and inserted into
 * a campaign, the mobile preview, "Save as template", a new campaign started from that template on
 * the Templates page, a test send; the message received shows the image at an absolute address
 * with its alternative text. Then "Send now" is refused while a check fails.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { solidPng } from '../helpers/png';
import { ADMIN } from '../helpers/strapi';
import { logIn, openBrowser, type BrowserSession } from './helpers/browser';
import { PLUGIN, startAdminApp, tickSender, type AdminApp } from './helpers/admin-app';
import { attribute, eventually, visible } from './helpers/wait';
import { showCode } from './helpers/template-view';

const IMAGE_NAME = 'harbour.png';
const ALT = 'A red harbour at dawn';
const TEMPLATE_NAME = 'Harbour letter';

let fixture: AdminApp;
let browser: BrowserSession;
let page: Page;
let imageDir: string;

const previewHtml = () => page.getAttribute('[data-testid="preview-frame"]', 'srcdoc');
const editorText = () => page.locator('.cm-content').innerText();

describe('composing with the Media Library and templates', () => {
  beforeAll(async () => {
    fixture = await startAdminApp();
    browser = await openBrowser(fixture.app.url);
    page = browser.page;
    imageDir = await mkdtemp(path.join(tmpdir(), 'email-campaigns-image-'));
    // Wide enough for the upload plugin to make its small, medium and large formats.
    await writeFile(path.join(imageDir, IMAGE_NAME), solidPng(1200, 800, [192, 57, 43]));
    await logIn(page, ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.stop();
    if (imageDir) await rm(imageDir, { recursive: true, force: true });
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await browser.screenshot(`failed-${task.name.replace(/\W+/g, '-')}`);
    expect(browser.takeErrors()).toEqual([]);
  });

  it('inserts an uploaded image, previews it on a phone, saves a template and sends a test from a campaign started from it', async () => {
    await page.goto(`${PLUGIN}/campaigns/new`);
    await page.locator('input[name="name"]').fill('Harbour issue');
    await page.locator('input[name="subject"]').fill('News from the harbour');

    // The code view's "Insert image" (the visual editor's image block has its own test: visual-blocks.test.ts).
    await showCode(page);
    // Upload in the Media Library's own dialog, then choose the uploaded file.
    await page.getByRole('button', { name: 'Insert image' }).click();
    const library = page.getByRole('dialog');
    await library
      .getByRole('button', { name: /Add new assets/i })
      .first()
      .click();
    await page.locator('input[type="file"]').setInputFiles(path.join(imageDir, IMAGE_NAME));
    await page.getByRole('button', { name: /Upload 1 asset to the library/i }).click();
    // The card of the uploaded file; its checkbox has no name of its own.
    await library.getByRole('checkbox').last().click();
    await page.getByRole('button', { name: 'Finish' }).click();

    // Our dialog: the alternative text is flagged until written, and the width picks the format.
    const dialog = page.getByRole('dialog', { name: 'Insert an image' });
    await dialog.locator('input[name="imageAlt"]').fill('');
    await visible(dialog.getByText('This image has no alternative text.'));
    await dialog.locator('input[name="imageAlt"]').fill(ALT);
    await dialog.getByRole('combobox').click();
    await page.getByRole('option', { name: '300 px' }).click();
    await dialog.getByRole('button', { name: 'Insert' }).click();

    const src = `${fixture.app.url}/uploads/medium_`;
    await eventually(editorText).toContain(`<mj-image src="${src}`);
    await eventually(editorText).toContain(`alt="${ALT}" width="300px"`);
    await eventually(previewHtml).toContain(`alt="${ALT}"`);
    await page.getByRole('button', { name: 'Mobile' }).click();
    await attribute(page.getByTestId('preview-frame'), 'data-device').toBe('mobile');
    expect(await page.getByTestId('preview-frame').evaluate((frame) => frame.getBoundingClientRect().width)).toBe(375);
    await visible(page.locator('[data-testid="pre-send-checks"][data-failed="0"]'));
    await browser.screenshot('composer-mobile-preview');

    await page.getByRole('button', { name: 'Save as template' }).click();
    const save = page.getByRole('dialog', { name: 'Save as template' });
    await save.locator('input[name="templateName"]').fill(TEMPLATE_NAME);
    await save.getByRole('button', { name: 'Save template' }).click();
    await visible(page.getByText('Template saved'));

    await page.goto(`${PLUGIN}/templates`);
    const card = page.getByTestId('template-card').filter({ hasText: TEMPLATE_NAME });
    await visible(card);
    expect(await page.getByTestId('template-card').filter({ hasText: 'Starter' }).count()).toBe(3);
    await browser.screenshot('templates');
    await card.getByRole('link', { name: 'Start a campaign' }).click();
    await showCode(page);
    await eventually(editorText).toContain(`alt="${ALT}"`);
    await eventually(() => page.locator('input[name="subject"]').inputValue()).toBe('News from the harbour');
    await page.locator('input[name="name"]').fill('From the template');
    // Saved first: a test send from an unsaved campaign saves it and reloads the page under it.
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await visible(page.getByText('Campaign saved'));
    await page.waitForURL(/\/campaigns\/\d+$/);

    const before = fixture.smtp.received();
    await page.locator('input[name="testEmails"]').fill('editor@example.test');
    await page.getByRole('button', { name: 'Send test' }).click();
    await visible(page.getByText('Test queued for 1 address'));
    await tickSender(fixture.app);
    const [mail] = (await fixture.smtp.waitFor(before + 1)).slice(before);
    const img = /<img\b[^>]*>/.exec(mail.html ?? '')?.[0] ?? '';
    const imgSrc = /src="([^"]+)"/.exec(img)?.[1] ?? '';
    expect(imgSrc.startsWith(src)).toBe(true);
    expect(img).toContain(`alt="${ALT}"`);
    const served = await fetch(imgSrc);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/^image\//);
  });

  it('sets up an A/B subject test in its panel: subjects added and removed, the numbers, the metric, saved', async () => {
    await page.goto(`${PLUGIN}/campaigns/new`);
    await page.locator('input[name="name"]').fill('Subject duel');
    await page.locator('input[name="subject"]').fill('Harbour news');
    await page.getByRole('checkbox', { name: 'Test subject lines' }).click({ force: true });
    // Subject 1 starts from the campaign's subject; subject 2 is for the editor to write.
    await expect(page.locator('input[name="abSubject0"]').inputValue()).resolves.toBe('Harbour news');
    await page.locator('input[name="abSubject1"]').fill('The harbour, this week');
    await page.getByRole('button', { name: 'Add a subject' }).click();
    await page.locator('input[name="abSubject2"]').fill('A third try');
    await page.getByRole('button', { name: 'Remove subject 3' }).click();
    await expect(page.locator('input[name="abSubject2"]').count()).resolves.toBe(0);
    await page.locator('input[name="abSamplePercent"]').fill('30');
    await page.locator('input[name="abWaitHours"]').fill('6');
    await page.getByRole('combobox', { name: 'Winner by' }).click();
    await page.getByRole('option', { name: 'Opens' }).click();
    await browser.screenshot('composer-ab-test');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(/\/campaigns\/\d+$/);
    const id = Number(page.url().split('/').pop());
    const saved = await fixture.app.strapi.db.query('plugin::email-campaigns.campaign').findOne({ where: { id } });
    expect(saved.abTest).toEqual({
      subjects: ['Harbour news', 'The harbour, this week'],
      samplePercent: 30,
      waitHours: 6,
      metric: 'opens',
      winner: null,
      decidedAt: null,
    });
    // After a reload the panel shows the saved test.
    await page.reload();
    await expect(page.locator('input[name="abSubject1"]').inputValue()).resolves.toBe('The harbour, this week');
  });

  it('shows a failing check in the editor, and Send now is refused with its message', async () => {
    await page.goto(`${PLUGIN}/campaigns/new`);
    await page.locator('input[name="name"]').fill('No way out');
    await page.locator('input[name="subject"]').fill('Hi');
    await (await showCode(page)).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(
      // Helvetica keeps MJML from linking Google's Ubuntu font, which this offline machine cannot load.
      '<mjml><mj-head><mj-attributes><mj-all font-family="Helvetica" /></mj-attributes></mj-head>' +
        '<mj-body><mj-section><mj-column><mj-text>No link to leave</mj-text></mj-column></mj-section></mj-body></mjml>',
    );
    const failing = page.locator('[data-testid="pre-send-checks"] [data-check="unsubscribe"][data-ok="false"]');
    await visible(failing);
    await page.getByRole('button', { name: 'Send now' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
    await visible(page.getByText(/The campaign cannot be sent yet: .*Add an unsubscribe link/));
    await browser.screenshot('composer-checks');
    // The refusal is a 400, which Chromium logs; nothing else may be.
    expect(browser.takeErrors().filter((error) => !error.includes('status of 400 (Bad Request)'))).toEqual([]);
  });
});
