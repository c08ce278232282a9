/**
 * The admin panel in a real browser, as an editor uses it: lists and subscribers, a campaign
 * composed in the MJML editor with Strapi content, a test send, the send itself and its report,
 * a CSV import, provider settings with a secret, the plugin's events attached to a Strapi webhook,
 * and the Vietnamese translation.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Response } from 'playwright-core';
import { ADMIN } from '../helpers/strapi';
import { logIn, openBrowser, type BrowserSession } from './helpers/browser';
import { PLUGIN, startAdminApp, tickSender, type AdminApp } from './helpers/admin-app';
import { absent, attribute, count, eventually, text, value, visible } from './helpers/wait';
import { UID } from '../../server/src/constants';
import { uploadPng } from '../helpers/articles';
import { showCode } from './helpers/template-view';

// Helvetica keeps MJML from linking Google's Ubuntu font, which this offline machine cannot load.
const MJML_FIRST = `<mjml>
  <mj-head>
    <mj-attributes><mj-all font-family="Helvetica, Arial, sans-serif" /></mj-attributes>
  </mj-head>
  <mj-body>
    <mj-section>
      <mj-column>
        <mj-text>Hello {{ subscriber.name | default: "friend" }}, spring is here.</mj-text>
        <mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

// An attribute MJML does not know, on a line the error list must name.
const MJML_WITH_ERROR = MJML_FIRST.replace('<mj-text>Hello', '<mj-text colour="red">Hello').replace(
  'spring is here',
  'summer is here',
);
const ERROR_LINE = MJML_WITH_ERROR.split('\n').findIndex((line) => line.includes('colour')) + 1;
const PROVIDER_PASSWORD = 'backup-Secret-pw-4711';

let fixture: AdminApp;
let browser: BrowserSession;
let page: Page;

/** Replaces the whole text of the CodeMirror editor, as typing would. */
async function setTemplate(mjml: string) {
  await (await showCode(page)).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(mjml);
}

const previewHtml = () => page.getAttribute('[data-testid="preview-frame"]', 'srcdoc');

async function chooseOption(trigger: ReturnType<Page['locator']>, option: string | RegExp) {
  await trigger.click();
  await page.getByRole('option', { name: option }).click();
}

describe('the admin panel', () => {
  beforeAll(async () => {
    fixture = await startAdminApp();
    browser = await openBrowser(fixture.app.url);
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.stop();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await browser.screenshot(`failed-${task.name.replace(/\W+/g, '-')}`);
    expect(browser.takeErrors()).toEqual([]);
  });

  it('logs in and shows the overview', async () => {
    await logIn(page, ADMIN.email, ADMIN.password);
    await page.goto(PLUGIN);
    await visible(page.getByRole('heading', { name: 'Email campaigns', level: 1 }));
    await visible(page.getByTestId('provider-usage-main'));
    await browser.screenshot('overview');
  });

  it('creates a list and subscribers', async () => {
    await page.goto(`${PLUGIN}/lists`);
    await page.getByRole('button', { name: 'Create a list' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="name"]').fill('Garden club');
    await value(dialog.locator('input[name="slug"]')).toBe('garden-club');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await visible(page.getByTestId('list-row').filter({ hasText: 'Garden club' }));
    await browser.screenshot('lists');

    await page.goto(`${PLUGIN}/subscribers`);
    for (const [email, name] of [
      ['rose@example.test', 'Rose'],
      ['ivy@example.test', 'Ivy'],
    ]) {
      await page.getByRole('button', { name: 'Add a subscriber' }).click();
      const form = page.getByRole('dialog');
      await form.locator('input[name="email"]').fill(email);
      await form.locator('input[name="name"]').fill(name);
      await chooseOption(form.getByRole('combobox').nth(1), 'Garden club');
      await page.keyboard.press('Escape');
      await form.getByRole('button', { name: 'Save' }).click();
      await visible(page.getByTestId('subscriber-row').filter({ hasText: email }));
    }
    await browser.screenshot('subscribers');
  });

  it('creates a form and shows its embed snippet and hosted page', async () => {
    await page.goto(`${PLUGIN}/forms`);
    await page.getByRole('button', { name: 'Create a form' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="name"]').fill('Footer form');
    await chooseOption(dialog.getByRole('combobox').first(), 'Garden club');
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const card = page.getByTestId('form-footer-form');
    await text(card.getByTestId('embed-snippet')).toContain('/api/email-campaigns/subscribe');
    const hosted = await card.getByRole('link', { name: 'Open the hosted page' }).getAttribute('href');
    expect(hosted).toBe(`${fixture.app.url}/api/email-campaigns/forms/footer-form`);
    expect((await fixture.app.request('/api/email-campaigns/forms/footer-form')).status).toBe(200);
    await browser.screenshot('forms');
  });

  it('composes a campaign: the preview follows the MJML and errors are listed by line', async () => {
    await page.goto(`${PLUGIN}/campaigns/new`);
    await page.locator('input[name="name"]').fill('Spring issue');
    await page.locator('input[name="subject"]').fill('Spring news for {{ subscriber.name }}');
    await chooseOption(page.getByRole('combobox').filter({ hasText: /Choose the lists/ }), /Garden club/);
    await page.keyboard.press('Escape');
    await text(page.getByTestId('audience-size')).toBe('2 subscribers will receive it');

    await setTemplate(MJML_FIRST);
    await eventually(previewHtml).toContain('spring is here');
    // Merge tags in the subject are rendered for a sample recipient.
    await text(page.getByTestId('preview-subject')).toMatch(/^Subject: Spring news for [^{]+$/);

    await setTemplate(MJML_WITH_ERROR);
    await eventually(previewHtml).toContain('summer is here');
    const error = page.getByTestId('compile-errors').locator(`li[data-line="${ERROR_LINE}"]`);
    await text(error).toContain(`Line ${ERROR_LINE}`);
    await text(error).toContain('colour');
    await error.getByRole('button').click();
    await text(page.locator('.cm-activeLine')).toContain('colour="red"');

    await setTemplate(MJML_FIRST);
    await absent(page.getByTestId('compile-errors'));
  });

  it('inserts a published Strapi entry with its image and rich text through the content picker and previews them', async () => {
    const cover = await uploadPng(fixture.app.strapi, 'tulips.png', 'Tulips in the park');
    await fixture.app.strapi.documents('api::article.article' as any).create({
      data: {
        title: 'Tulips are blooming',
        body: 'Plain body text',
        summary: 'The first tulips **opened** this week.',
        cover: cover.id,
      } as any,
      status: 'published',
    } as any);
    // A draft is not offered: only published entries reach campaigns.
    await fixture.app.strapi.documents('api::article.article' as any).create({
      data: { title: 'Roses, a draft' } as any,
    });
    await page.getByRole('button', { name: 'Insert Strapi content' }).click();
    const picker = page.getByRole('dialog');
    await chooseOption(picker.getByRole('combobox'), 'Article');
    await text(picker.getByTestId('picker-entries')).toContain('Tulips are blooming');
    expect(await picker.getByTestId('picker-entries').textContent()).not.toContain('Roses, a draft');
    await picker.getByTestId('picker-entries').getByRole('button', { name: 'Add' }).first().click();
    await picker.getByRole('button', { name: 'Close' }).last().click();
    await text(page.getByTestId('chosen-entries')).toContain('Tulips are blooming');
    await eventually(previewHtml).toContain('Tulips are blooming');
    // Markdown arrives as HTML, the cover with its absolute URL and alternative text.
    await eventually(previewHtml).toContain('The first tulips <strong>opened</strong> this week.');
    await eventually(previewHtml).toContain(`src="${fixture.app.url}${cover.url}"`);
    const image = page.frameLocator('[data-testid="preview-frame"]').locator('img[alt="Tulips in the park"]');
    await eventually(() =>
      image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth).catch(() => 0),
    ).toBe(400);

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(/\/campaigns\/\d+$/);
    await visible(page.getByText('Draft'));
    await browser.screenshot('campaign-editor');
  });

  it('sends a test that arrives at the SMTP server', async () => {
    fixture.smtp.clear();
    await page.locator('input[name="testEmails"]').fill('editor@example.test');
    await page.getByRole('button', { name: 'Send test' }).click();
    await visible(page.getByText('Test queued for 1 address'));
    await tickSender(fixture.app);
    const [mail] = await fixture.smtp.waitFor(1);
    expect(mail.envelope.to).toEqual(['editor@example.test']);
    expect(mail.html).toContain('Tulips are blooming');
  });

  it('sends the campaign after confirming its audience, and the progress bar reaches done', async () => {
    fixture.smtp.clear();
    await page.getByRole('button', { name: 'Send now' }).click();
    const confirm = page.getByRole('alertdialog');
    await text(confirm.getByTestId('confirm-audience')).toBe('It will go to 2 subscribers.');
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await visible(page.getByText('Sending started'));

    await page.goto(`${PLUGIN}/campaigns`);
    const row = page.locator('[data-testid^="campaign-row-"]').filter({ hasText: 'Spring issue' });
    await tickSender(fixture.app);
    await attribute(row.getByTestId('send-progress'), 'data-done').toBe('2');
    await text(row.getByTestId('send-progress')).toContain('2 / 2');
    await visible(row.locator('[data-status="sent"]'));
    expect(fixture.smtp.messages.map((m) => m.envelope.to[0]).sort()).toEqual([
      'ivy@example.test',
      'rose@example.test',
    ]);
    await browser.screenshot('campaigns');
  });

  it('shows the report with the chart of sends per hour', async () => {
    const row = page.locator('[data-testid^="campaign-row-"]').filter({ hasText: 'Spring issue' });
    await row.getByRole('link', { name: 'Report' }).click();
    await text(page.getByTestId('count-sent')).toBe('2');
    await count(page.getByTestId('sends-chart').locator('[data-testid="chart-bar"][data-sent="2"]')).toBe(1);
    await text(page.getByTestId('recipients')).toContain('rose@example.test');
    await browser.screenshot('campaign-report');
  });

  it('schedules a copy in a chosen time zone, shows it as the next send, and cancels it', async () => {
    await page.goto(`${PLUGIN}/campaigns`);
    await page
      .locator('[data-testid^="campaign-row-"]')
      .filter({ hasText: 'Spring issue' })
      .getByRole('button', { name: 'Duplicate' })
      .click();
    await page.waitForURL(/\/campaigns\/\d+$/);
    const copyId = Number(new URL(page.url()).pathname.split('/').pop());
    await value(page.locator('input[name="name"]')).toBe('Copy of Spring issue');

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.getByRole('button', { name: 'Schedule' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="scheduleDate"]').fill(tomorrow);
    await dialog.locator('input[name="scheduleTime"]').fill('09:00');
    const zone = dialog.getByRole('combobox');
    await value(zone).toBe('Europe/Paris'); // the browser's own zone comes first
    await zone.clear();
    await zone.pressSequentially('Ho_Chi');
    // Chromium knows the zone by its ICU name, Asia/Saigon; the picker shows the current one too.
    await page.getByRole('option', { name: 'Asia/Ho_Chi_Minh (Asia/Saigon)' }).click();
    await text(dialog.getByTestId('confirm-audience')).toBe('It will go to 2 subscribers.');
    await dialog.getByRole('button', { name: 'Schedule' }).click();
    await visible(page.getByText('Campaign scheduled'));

    const saved = await fixture.app.strapi.db.query(UID.campaign).findOne({ where: { id: copyId } });
    expect(saved.status).toBe('scheduled');
    expect(saved.timezone).toBe('Asia/Saigon');
    // 09:00 in Ho Chi Minh City (UTC+7) is 02:00 UTC.
    expect(new Date(saved.scheduledAt).toISOString()).toBe(`${tomorrow}T02:00:00.000Z`);

    await page.goto(PLUGIN);
    await text(page.getByTestId('next-scheduled')).toContain('Copy of Spring issue');
    await text(page.getByTestId('next-scheduled')).toContain('Asia/Saigon');

    await page.goto(`${PLUGIN}/campaigns`);
    const row = page.locator(`[data-testid="campaign-row-${copyId}"]`);
    await row.getByRole('button', { name: 'Cancel sending' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
    await visible(row.locator('[data-status="cancelled"]'));
  });

  it('imports a CSV with a progress bar and the report of invalid lines', async () => {
    const lines = ['email,name,city'];
    for (let i = 0; i < 300; i += 1) lines.push(`reader${i}@example.test,Reader ${i},Hanoi`);
    lines.push('not-an-address,Broken,Hue');
    lines.push(',Nobody,Hue');
    await page.goto(`${PLUGIN}/subscribers`);
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .locator('input[type="file"]')
      .setInputFiles({ name: 'readers.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await visible(dialog.getByTestId('column-mapping'));
    await dialog.getByRole('checkbox', { name: 'city' }).click();
    await dialog.getByRole('button', { name: 'Start the import' }).click();
    await attribute(dialog.getByTestId('import-progress'), 'data-status').toBe('done');
    await text(dialog.getByTestId('import-summary')).toContain('300 added');
    const invalid = dialog.getByTestId('invalid-lines');
    await count(invalid.getByRole('row')).toBe(3);
    await text(invalid).toContain('302');
    await text(invalid).toContain('303');
    await browser.screenshot('subscribers-import');
    await dialog.getByRole('button', { name: 'Close' }).last().click();
  });

  it("stores a provider's password without ever sending it back", async () => {
    const bodies: string[] = [];
    const record = async (response: Response) => {
      if (!response.url().includes('/email-campaigns/')) return;
      bodies.push(await response.text().catch(() => ''));
    };
    page.on('response', record);

    await page.goto('/admin/settings/email-campaigns/providers');
    await page.getByRole('button', { name: 'Add a provider' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="providerName"]').fill('backup');
    await dialog.locator('input[name="host"]').fill('127.0.0.1');
    await dialog.locator('input[name="port"]').fill(String(fixture.smtp.port));
    await dialog.locator('input[name="user"]').fill('backup-user');
    await dialog.locator('input[name="password"]').fill(PROVIDER_PASSWORD);
    await dialog.getByRole('button', { name: 'Save' }).click();
    const card = page.getByTestId('provider-backup');
    await text(card).toContain('password: set');

    await page.reload();
    await text(card).toContain('backup-user');
    await card.getByRole('button', { name: 'Test connection' }).click();
    await attribute(card.getByTestId('connection-result'), 'data-ok').toBe('true');
    // The test app does not track: the page says so, as the config has it.
    await text(page.getByTestId('tracking-settings')).toContain('Off: no campaign tracks opens or clicks.');
    await browser.screenshot('settings');

    await page.goto(PLUGIN);
    await visible(page.getByTestId('provider-usage-backup'));
    page.off('response', record);

    expect(bodies.length).toBeGreaterThan(3);
    for (const body of bodies) expect(body).not.toContain(PROVIDER_PASSWORD);
    const token = await fixture.app.login();
    for (const path of ['/email-campaigns/providers', '/email-campaigns/settings', '/email-campaigns/overview']) {
      const text = await (await fixture.app.request(path, { token })).text();
      expect(text).toContain('backup');
      expect(text).not.toContain(PROVIDER_PASSWORD);
    }
    // Saving again without a password keeps the saved one (the form never has it).
    const resave = await fixture.app.request('/email-campaigns/settings/providers/backup', {
      method: 'PUT',
      token,
      json: {
        preset: 'custom',
        host: '127.0.0.1',
        port: fixture.smtp.port,
        user: 'backup-user',
        password: null,
        limits: { perDay: 1000 },
      },
    });
    const resaved = await resave.text();
    expect(resave.status).toBe(200);
    expect(JSON.parse(resaved).data).toMatchObject({ name: 'backup', hasPassword: true, limits: { perDay: 1000 } });
    expect(resaved).not.toContain(PROVIDER_PASSWORD);
    // A provider from config/plugins.js cannot be changed from the admin.
    const edit = await fixture.app.request('/email-campaigns/settings/providers/main', {
      method: 'PUT',
      token,
      json: { preset: 'custom', host: 'evil.example' },
    });
    expect(edit.status).toBe(403);
    // Stored encrypted: the plugin store holds no trace of the password either.
    const stored = JSON.stringify(
      await fixture.app.strapi.store({ type: 'plugin', name: 'email-campaigns', key: 'providers' }).get({}),
    );
    expect(stored).toContain('passEncrypted');
    expect(stored).not.toContain(PROVIDER_PASSWORD);
  });

  it("attaches the plugin's events to a new Strapi webhook and includes addresses on request", async () => {
    await page.goto('/admin/settings/email-campaigns/providers');
    const section = page.getByTestId('webhook-events');
    await text(section).toContain('No webhooks yet.');
    await section.getByRole('button', { name: 'New webhook' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="webhookName"]').fill('CRM');
    await dialog.locator('input[name="webhookUrl"]').fill('http://127.0.0.1:9/hooks');
    await dialog.locator('input[name="headerName"]').fill('Authorization');
    await dialog.locator('input[name="headerValue"]').fill('Bearer crm-secret');
    await dialog.getByRole('checkbox', { name: /A subscriber confirmed/ }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await text(section).toContain('A subscriber confirmed');
    await browser.screenshot('settings-webhook-events');

    const [webhook] = await fixture.app.strapi.get('webhookStore').findWebhooks();
    expect(webhook).toMatchObject({
      name: 'CRM',
      url: 'http://127.0.0.1:9/hooks',
      headers: { Authorization: 'Bearer crm-secret' },
      events: ['email-campaigns.subscriber.confirmed'],
    });
    expect(await section.textContent()).not.toContain('crm-secret');

    // More events on the same webhook, through its own modal.
    await section.getByRole('button', { name: 'Choose events' }).click();
    await dialog.getByRole('checkbox', { name: /A campaign finished sending/ }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await text(section).toContain('A campaign finished sending');
    expect((await fixture.app.strapi.get('webhookStore').findWebhook(webhook.id)).events).toEqual([
      'email-campaigns.subscriber.confirmed',
      'email-campaigns.campaign.finished',
    ]);

    const events = () =>
      fixture.app.strapi.store({ type: 'plugin', name: 'email-campaigns', key: 'events' }).get({}) as Promise<any>;
    await section.getByRole('checkbox', { name: /Include the subscriber’s email address/ }).click();
    await eventually(async () => (await events())?.includeAddress).toBe(true);
  });

  it("shows the plugin's pages in Vietnamese", async () => {
    // As a user does it: Profile → Interface language.
    await page.goto('/admin/me');
    await chooseOption(page.getByRole('combobox', { name: 'Interface language' }), 'Tiếng Việt');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.goto(`${PLUGIN}/campaigns`);
    await visible(page.getByRole('heading', { name: 'Chiến dịch', level: 1 }));
    await visible(page.getByRole('link', { name: 'Người đăng ký' }));
    await text(page.locator('[data-status="sent"]').first()).toBe('Đã gửi');
    await browser.screenshot('campaigns-vi');
    await page.goto(`${PLUGIN}/subscribers`);
    await visible(page.getByRole('heading', { name: 'Người đăng ký', level: 1 }));
    await visible(page.getByRole('button', { name: 'Nhập CSV' }));
    await page.goto(PLUGIN);
    await visible(page.getByText('Mức dùng hạn mức của nhà cung cấp'));
    await browser.screenshot('overview-vi');
  });
});
