/**
 * A campaign in two languages with an attachment, composed in the admin as an editor would:
 * language tabs, the preview switching language, the attachment's size against the cap, the send,
 * and the report's table per language.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN } from '../helpers/strapi';
import { createList, insertSubscribers } from '../helpers/fixtures';
import { TABLES } from '../../server/src/constants';
import { logIn, openBrowser, type BrowserSession } from './helpers/browser';
import { PLUGIN, startAdminApp, tickSender, type AdminApp } from './helpers/admin-app';
import { eventually, text, visible } from './helpers/wait';
import { showCode } from './helpers/template-view';

const mjml = (words: string) => `<mjml>
  <mj-head><mj-attributes><mj-all font-family="Helvetica, Arial, sans-serif" /></mj-attributes></mj-head>
  <mj-body><mj-section><mj-column>
    <mj-text>${words}</mj-text>
    <mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button>
  </mj-column></mj-section></mj-body>
</mjml>`;

let fixture: AdminApp;
let browser: BrowserSession;
let page: Page;
let tmp: string;
const uploaded: unknown[] = [];

async function setTemplate(source: string) {
  await (await showCode(page)).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(source);
}

const previewHtml = () => page.getAttribute('[data-testid="preview-frame"]', 'srcdoc');

async function chooseOption(trigger: ReturnType<Page['locator']>, option: string | RegExp) {
  await trigger.click();
  await page.getByRole('option', { name: option }).click();
}

describe('a campaign in two languages, with an attachment', () => {
  beforeAll(async () => {
    fixture = await startAdminApp();
    browser = await openBrowser(fixture.app.url);
    page = browser.page;
    tmp = await mkdtemp(path.join(os.tmpdir(), 'ec-e2e-'));
    const { strapi } = fixture.app;
    await strapi.plugin('i18n').service('locales').create({ code: 'vi', name: 'Vietnamese (vi)' });
    const list = await createList(strapi, 'Bilingual');
    const english = await insertSubscribers(strapi, 2, { lists: [list.id], prefix: 'en' });
    const vietnamese = await insertSubscribers(strapi, 3, { lists: [list.id], prefix: 'vi' });
    await strapi.db.connection(TABLES.subscribers).whereIn('id', english).update({ locale: 'en' });
    await strapi.db.connection(TABLES.subscribers).whereIn('id', vietnamese).update({ locale: 'vi' });
  });

  afterAll(async () => {
    for (const file of uploaded) await fixture.app.strapi.plugin('upload').service('upload').remove(file);
    await browser?.close();
    await fixture?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await browser.screenshot(`failed-${task.name.replace(/\W+/g, '-')}`);
    expect(browser.takeErrors()).toEqual([]);
  });

  it('composes the default content in English and a Vietnamese version; the preview switches language', async () => {
    await logIn(page, ADMIN.email, ADMIN.password);
    await page.goto(`${PLUGIN}/campaigns/new`);
    await page.locator('input[name="name"]').fill('Bilingual issue');
    await page.locator('input[name="subject"]').fill('News in English');
    await chooseOption(page.getByRole('combobox').filter({ hasText: /Choose the lists/ }), /Bilingual/);
    await page.keyboard.press('Escape');
    await setTemplate(mjml('Hello in English'));
    await chooseOption(page.getByRole('combobox', { name: 'Language of the default content' }), 'English (en)');
    await eventually(previewHtml).toMatch(/<html[^>]* lang="en"/);

    await chooseOption(page.getByRole('combobox', { name: 'Add a language' }), 'Vietnamese (vi)');
    await visible(page.getByRole('tab', { name: 'Vietnamese (vi)', selected: true }));
    await page.locator('input[name="subject"]').fill('Tin tức tiếng Việt');
    await setTemplate(mjml('Xin chào'));
    await eventually(previewHtml).toContain('Xin chào');
    await eventually(previewHtml).toMatch(/<html[^>]* lang="vi"/);
    await text(page.getByTestId('preview-subject')).toContain('Tin tức tiếng Việt');

    // The content picker offers the entries of the tab's language only.
    const notices = fixture.app.strapi.documents('api::notice.notice' as never);
    const notice = await notices.create({ data: { title: 'Harbour closed on Sunday' }, locale: 'en' } as never);
    await notices.update({
      documentId: (notice as { documentId: string }).documentId,
      locale: 'vi',
      data: { title: 'Cảng đóng cửa Chủ nhật' },
    } as never);
    await page.getByRole('button', { name: 'Insert Strapi content' }).click();
    const picker = page.getByRole('dialog');
    await chooseOption(picker.getByRole('combobox'), 'Notice');
    await text(picker.getByTestId('picker-entries')).toContain('Cảng đóng cửa Chủ nhật');
    await expect(picker.getByTestId('picker-entries').textContent()).resolves.not.toContain('Harbour closed');
    await picker.getByRole('button', { name: 'Close' }).last().click();

    await page.getByRole('tab', { name: /Default: English/ }).click();
    await eventually(previewHtml).toContain('Hello in English');
    await expect(page.locator('input[name="subject"]').inputValue()).resolves.toBe('News in English');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(/\/campaigns\/\d+$/);
    const id = Number(page.url().split('/').pop());
    const saved = await fixture.app.strapi.db.query('plugin::email-campaigns.campaign').findOne({ where: { id } });
    expect(saved).toMatchObject({ defaultLocale: 'en', subject: 'News in English' });
    expect(saved.versions).toMatchObject([{ locale: 'vi', subject: 'Tin tức tiếng Việt' }]);
    // A campaign with language versions cannot run an A/B subject test; the panel says why.
    await visible(page.getByText(/Not available for a campaign with language versions/));
    await expect(page.getByRole('checkbox', { name: 'Test subject lines' }).count()).resolves.toBe(0);
    await browser.screenshot('campaign-languages');
  });

  it('shows an attachment from the Media Library with its size against the cap', async () => {
    const filepath = path.join(tmp, 'programme.pdf');
    await writeFile(filepath, randomBytes(1024 * 1024));
    const [file] = await fixture.app.strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: {},
        files: { filepath, originalFilename: 'programme.pdf', mimetype: 'application/pdf', size: 1024 * 1024 },
      });
    uploaded.push(file);
    const id = Number(page.url().split('/').pop());
    await fixture.app.strapi
      .plugin('email-campaigns')
      .service('campaigns')
      .update(id, { attachments: [file.id] });
    await page.reload();
    await text(page.getByTestId('attachments')).toContain('programme.pdf (1.0 MB)');
    await text(page.getByTestId('attachments-total')).toBe('1.0 MB of at most 5.0 MB per message');
    await visible(page.getByRole('button', { name: 'Attach from the Media Library' }));
  });

  it('sends each person their language and the report counts per language', async () => {
    fixture.smtp.clear();
    await page.getByRole('button', { name: 'Send now' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
    await visible(page.getByText('Sending started'));
    await tickSender(fixture.app);
    const mails = await fixture.smtp.waitFor(5);
    const subjects = Object.fromEntries(mails.map((m) => [m.envelope.to[0].split('-')[0], m.subject]));
    expect(subjects).toEqual({ en: 'News in English', vi: 'Tin tức tiếng Việt' });
    for (const mail of mails) expect(mail.parsed.attachments.map((a) => a.filename)).toEqual(['programme.pdf']);

    await page.getByRole('link', { name: 'Report' }).click();
    const table = page.getByTestId('report-languages');
    await text(table.locator('tr').filter({ hasText: /^vi/ })).toMatch(/^vi3003$/);
    await text(table.locator('tr').filter({ hasText: /^en/ })).toMatch(/^en2002$/);
    await browser.screenshot('campaign-report-languages');
  });
});
