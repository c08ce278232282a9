/**
 * The Publish rules page in a real browser: an editor creates a rule of each mode, publishes an
 * article in the Content Manager, and finds the campaign the rule made in its history and on the
 * Campaigns page; a weekly digest's preview shows the published article.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { createList, insertSubscribers } from '../helpers/fixtures';
import { ADMIN, createLimitedAdmin } from '../helpers/strapi';
import { UID } from '../../server/src/constants';
import { logIn, openBrowser, type BrowserSession } from './helpers/browser';
import { PLUGIN, startAdminApp, tickSender, type AdminApp } from './helpers/admin-app';
import { absent, attribute, count, eventually, text, visible } from './helpers/wait';

// Helvetica keeps MJML from linking Google's Ubuntu font, which this offline machine cannot load.
const ALERT_MJML = `<mjml>
  <mj-head><mj-attributes><mj-all font-family="Helvetica, Arial, sans-serif" /></mj-attributes></mj-head>
  <mj-body>
    <mj-section>
      <mj-column>
        <mj-text>New on the site: {{ entry.title }}</mj-text>
        <mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
const ARTICLE = 'Tulip season opens';

let fixture: AdminApp;
let browser: BrowserSession;
let page: Page;

async function chooseOption(trigger: Locator, option: string | RegExp) {
  await trigger.click();
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}

/** A select of the rule modal, found by its label. */
const select = (dialog: Locator, label: string) => dialog.getByRole('combobox', { name: label, exact: true });

/** Creates a rule through the page's modal; `mode` fills the fields of its mode. */
async function createRule(
  name: string,
  mode: (dialog: Locator) => Promise<void>,
  { conditions = false, template = 'Template: Article alert' } = {},
) {
  await page.getByRole('button', { name: 'Create a rule' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('input[name="name"]').fill(name);
  await chooseOption(select(dialog, 'Content type'), 'Article');
  if (conditions) {
    await dialog.getByRole('button', { name: 'Add a condition' }).click();
    await chooseOption(dialog.getByRole('combobox', { name: 'Field' }), 'category');
    await chooseOption(dialog.getByRole('combobox', { name: 'Value' }), 'news');
  }
  await chooseOption(select(dialog, 'Template'), template);
  await chooseOption(select(dialog, 'Lists'), 'Readers');
  await page.keyboard.press('Escape');
  await mode(dialog);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await visible(page.locator(`[data-testid="rule-row"][data-rule="${name}"]`));
}

const row = (name: string) => page.locator(`[data-testid="rule-row"][data-rule="${name}"]`);

describe('publish rules in the admin', () => {
  beforeAll(async () => {
    fixture = await startAdminApp();
    browser = await openBrowser(fixture.app.url);
    page = browser.page;
    // The audience and the template come from fixtures and the API: their pages have their own tests.
    const list = await createList(fixture.app.strapi, 'Readers');
    await insertSubscribers(fixture.app.strapi, 2, { prefix: 'reader', lists: [list.id] });
    const template = await fixture.app.request('/email-campaigns/templates', {
      method: 'POST',
      token: await fixture.app.login(),
      json: { name: 'Article alert', subject: 'New on the site', preheader: null, mjml: ALERT_MJML },
    });
    expect(template.ok).toBe(true);
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.stop();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await browser.screenshot(`failed-${task.name.replace(/\W+/g, '-')}`);
    expect(browser.takeErrors()).toEqual([]);
  });

  it('creates a rule of each mode: at once, after a delay, a draft for review, a weekly digest', async () => {
    await logIn(page, ADMIN.email, ADMIN.password);
    await page.goto(PLUGIN);
    await page.getByRole('link', { name: 'Publish rules' }).click();
    await visible(page.getByRole('heading', { name: 'Publish rules', level: 1 }));

    await createRule(
      'News for review',
      async (dialog) => {
        await chooseOption(select(dialog, 'The campaign'), 'Leave a draft for review');
      },
      { conditions: true },
    );
    await createRule('Every article at once', async (dialog) => {
      await chooseOption(select(dialog, 'The campaign'), 'Send at once');
    });
    await createRule('Every article an hour later', async (dialog) => {
      await chooseOption(select(dialog, 'The campaign'), 'Send after a delay');
      await dialog.locator('input[name="delayMinutes"]').fill('90');
    });
    await createRule(
      'Weekly digest',
      async (dialog) => {
        await chooseOption(select(dialog, 'Mode'), 'A digest of the entries, on a schedule');
        await chooseOption(select(dialog, 'On'), 'Friday');
        await dialog.locator('input[name="digestTime"]').fill('08:30');
      },
      { template: 'Starter: Digest of articles' },
    );

    await text(row('News for review')).toContain('Each entry · draft for review');
    await text(row('Every article at once')).toContain('Each entry · sent at once');
    await text(row('Every article an hour later')).toContain('Each entry · sent 90 min after');
    await text(row('Weekly digest')).toContain('Weekly digest, Friday at 08:30 Europe/Paris');
    await text(row('Weekly digest').getByTestId('rule-state')).toBe('Active');
    await text(row('Weekly digest').getByTestId('next-digest')).toMatch(/^Next: .*8:30/);

    const saved = await fixture.app.strapi.db.query(UID.publishRule).findMany({ orderBy: { id: 'asc' } });
    expect(saved.map((rule: { name: string; mode: string }) => [rule.name, rule.mode])).toEqual([
      ['News for review', 'each'],
      ['Every article at once', 'each'],
      ['Every article an hour later', 'each'],
      ['Weekly digest', 'digest'],
    ]);
    await browser.screenshot('publish-rules');
  });

  it('pauses and resumes a rule', async () => {
    await row('Every article an hour later').getByRole('button', { name: 'Pause' }).click();
    await text(row('Every article an hour later').getByTestId('rule-state')).toBe('Paused');
    await row('Every article an hour later').getByRole('button', { name: 'Resume' }).click();
    await text(row('Every article an hour later').getByTestId('rule-state')).toBe('Active');
  });

  it('publishes an article in the Content Manager and finds the draft campaign in the rule’s history', async () => {
    await page.goto('/admin/content-manager/collection-types/api::article.article/create');
    await page.locator('input[name="title"]').fill(ARTICLE);
    await chooseOption(page.getByRole('combobox', { name: 'category' }), 'news');
    await page.getByRole('button', { name: 'Publish' }).click();
    await visible(page.getByText(/Published/));

    // The tick turns the recorded publish into campaigns, as the cron would: one for review, one
    // sent at once; the delayed rule waits its 90 minutes, the digest its Friday.
    await eventually(async () => {
      await tickSender(fixture.app);
      return fixture.app.strapi.db.query(UID.campaign).count({ where: { name: { $contains: ARTICLE } } });
    }).toBe(2);

    // "At once" reached both readers; "for review" sent nothing.
    await eventually(async () => {
      await tickSender(fixture.app);
      return fixture.smtp.messages.length;
    }).toBe(2);
    for (const mail of fixture.smtp.messages) {
      expect(mail.subject).toBe('New on the site');
      expect(mail.html).toContain(`New on the site: ${ARTICLE}`);
    }

    await page.goto(`${PLUGIN}/publish-rules`);
    await row('News for review').getByRole('button', { name: 'History' }).click();
    const history = page.getByTestId('rule-history');
    await text(history.getByTestId('rule-record')).toContain(ARTICLE);
    const campaign = history.getByTestId('rule-campaign');
    await count(campaign).toBe(1);
    await text(campaign).toContain('Draft');
    await browser.screenshot('publish-rule-history');

    await campaign.getByRole('link').click();
    await eventually(() => page.locator('input[name="name"]').inputValue()).toContain(ARTICLE);

    await page.goto(`${PLUGIN}/publish-rules`);
    await row('Every article an hour later').getByRole('button', { name: 'History' }).click();
    await text(page.getByTestId('rule-history').getByTestId('rule-record')).toContain('Waiting');
    await page.keyboard.press('Escape');

    await page.goto(`${PLUGIN}/campaigns`);
    await count(page.getByRole('row').filter({ hasText: ARTICLE })).toBe(2);
  });

  it('shows what the weekly digest would send now: the published article', async () => {
    await page.goto(`${PLUGIN}/publish-rules`);
    await row('Weekly digest').getByRole('button', { name: 'Preview' }).click();
    await text(page.getByTestId('digest-preview-summary')).toMatch(/^1 entry, due /);
    const frame = page.getByTestId('preview-frame');
    await attribute(frame, 'sandbox').toBe('');
    await eventually(() => frame.getAttribute('srcdoc')).toContain(ARTICLE);
    // Drawn, not only delivered: the frame shows the article's title.
    await visible(page.frameLocator('[data-testid="preview-frame"]').getByText(ARTICLE));
    await browser.screenshot('digest-preview');
  });

  it('shows a reader the rules and a digest’s preview, without Create, Edit or Pause', async () => {
    const reader = await createLimitedAdmin(fixture.app.strapi, ['plugin::email-campaigns.read']);
    await browser.context.clearCookies();
    // Out of the admin's session: its token lives in the browser's storage.
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await logIn(page, reader.email, reader.password);
    await page.goto(`${PLUGIN}/publish-rules`);
    await visible(row('News for review'));
    await absent(page.getByRole('button', { name: 'Create a rule' }));
    await absent(page.getByRole('button', { name: 'Edit' }));
    await absent(page.getByRole('button', { name: 'Pause' }));
    await row('Weekly digest').getByRole('button', { name: 'Preview' }).click();
    await eventually(() => page.getByTestId('preview-frame').getAttribute('srcdoc')).toContain(ARTICLE);
  });
});
