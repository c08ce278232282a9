/**
 * The visual editor never loses content (issue 15, docs/architecture.md "Visual editor"): each starter
 * template and a 200-line hand-written MJML file go visual → code → visual → save → reload in Chromium
 * and come back byte for byte, compiling with the server's mjml to the same HTML; one text edited in the
 * visual editor changes only that text's bytes, and every part it keeps as written stays identical.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseMjml, rawRuns, type TextBlock, type VisualDocument } from '../../admin/src/visual-editor/document';
import { UID } from '../../server/src/constants';
import { compileCampaign } from '../../server/src/services/composing';
import { STARTER_TEMPLATES } from '../../server/src/templates';
import { createCampaign } from '../helpers/fixtures';
import { ADMIN } from '../helpers/strapi';
import { logIn, openBrowser, type BrowserSession } from './helpers/browser';
import { PLUGIN, startAdminApp, type AdminApp } from './helpers/admin-app';
import { attribute, count, eventually, text, visible } from './helpers/wait';

const HAND_WRITTEN = readFileSync(
  path.resolve(__dirname, '..', 'fixtures', 'visual-editor', 'hand-written.mjml'),
  'utf8',
);
const EDITED_TEXT = 'Edited in the visual editor';

let fixture: AdminApp;
let browser: BrowserSession;
let page: Page;

const savedMjml = async (id: number): Promise<string> => {
  const row = await fixture.app.strapi.db.query(UID.campaign).findOne({ where: { id }, select: ['mjml'] });
  return String(row?.mjml);
};

// mjml gives each carousel and navbar a random 16-hex-digit id at every compile, so two compiles of
// one source differ there and only there: each id becomes its rank of first appearance.
function withNumberedIds(html: string): string {
  const seen = new Map<string, string>();
  return html.replace(/\b[0-9a-f]{16}\b/g, (id) => {
    if (!seen.has(id)) seen.set(id, `random-id-${seen.size + 1}`);
    return seen.get(id) as string;
  });
}

/** The server's compile (mjml 5.4.1 behind the Liquid phases), as the preview and the sender run it. */
const compiled = async (mjml: string) => {
  const result = await compileCampaign({
    mjml,
    campaign: { name: 'Round trip', subject: 'Round trip', preheader: '' },
  });
  expect(result.errors).toEqual([]);
  return withNumberedIds(result.html);
};

// Strapi's default admin CSP takes images from the admin's own origin only. The hand-written fixture's
// images are on example.com (and mjml's carousel and accordion icons on imgur): the preview and the
// canvas leave them blank and Chromium logs each. A site allows its image hosts in its CSP.
const BLOCKED_IMAGE =
  /^console\.error: Loading the image '[^']+' violates the following Content Security Policy directive: "img-src /;

function parsed(mjml: string): VisualDocument {
  const result = parseMjml(mjml);
  if (!result.ok) throw new Error(`the model cannot open the fixture: ${result.reason}`);
  return result.document;
}

/** A text block of plain words, written once in the source: the one the test edits. */
function plainTextBlock(document: VisualDocument, source: string): TextBlock & { openTag: string } {
  const texts = document.body
    .flatMap((node) => (node.kind === 'section' ? node.children : []))
    .flatMap((column) => (column.kind === 'column' ? column.children : []))
    .filter((block): block is TextBlock & { openTag: string } => block.kind === 'text' && block.openTag !== null);
  const words = (block: TextBlock) => block.content.trim();
  const found = texts.find(
    (block) =>
      /^[\w ,.!'-]+$/.test(words(block)) &&
      source.split(block.openTag + block.content + block.closeTag).length === 2 &&
      texts.filter((other) => words(other).includes(words(block))).length === 1,
  );
  if (!found) throw new Error('the fixture has no plain text block to edit');
  return found;
}

const editorView = () => page.getByTestId('template-editor');
const switchTo = async (view: 'Visual' | 'Code') => {
  await page.getByRole('button', { name: view, exact: true }).click();
  await attribute(editorView(), 'data-view').toBe(view.toLowerCase());
  if (view === 'Visual') await visible(page.getByTestId('visual-editor'));
  else await visible(page.locator('.cm-content'));
};

/** Saves, waits for the campaign's address, reloads it and waits for the visual editor. */
async function saveAndReload(): Promise<number> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await visible(page.getByText('Campaign saved'));
  await page.waitForURL(/\/campaigns\/\d+$/);
  const id = Number(/\/campaigns\/(\d+)$/.exec(page.url())?.[1]);
  await page.reload();
  await attribute(editorView(), 'data-view').toBe('visual');
  await visible(page.getByTestId('visual-editor'));
  return id;
}

describe('the visual editor round trip', () => {
  beforeAll(async () => {
    fixture = await startAdminApp();
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
    expect(browser.takeErrors().filter((error) => !BLOCKED_IMAGE.test(error))).toEqual([]);
  });

  it.each(STARTER_TEMPLATES.map((template) => [template.key, template] as const))(
    'keeps the %s starter byte for byte through visual, code, visual, save and reload',
    async (key, template) => {
      await page.goto(`${PLUGIN}/campaigns/new?template=${key}`);
      await eventually(() => page.locator('input[name="subject"]').inputValue()).toBe(template.subject);
      await attribute(editorView(), 'data-view').toBe('visual');
      await visible(page.getByTestId('visual-node').first());
      await page.locator('input[name="name"]').fill(`Round trip ${key}`);

      await switchTo('Code');
      await switchTo('Visual');
      const id = await saveAndReload();

      const saved = await savedMjml(id);
      expect(saved).toBe(template.mjml);
      expect(await compiled(saved)).toBe(await compiled(template.mjml));

      if (key === STARTER_TEMPLATES[0].key) {
        const text = page.locator('[data-testid="visual-node"][data-kind="text"]').first();
        await text.click();
        await attribute(text, 'data-selected').toBe('true');
        await visible(page.getByRole('button', { name: 'Move down' }));
        await browser.screenshot('visual-editor');
        await switchTo('Code');
        await browser.screenshot('code-view');
        // Selecting and looking changed nothing.
        expect(await savedMjml(id)).toBe(template.mjml);
      }
    },
  );

  it('keeps a hand-written template untouched, its unmodelled parts shown as kept as written', async () => {
    const raws = rawRuns(parsed(HAND_WRITTEN));
    expect(raws.length).toBeGreaterThan(0);
    const campaign = await createCampaign(fixture.app.strapi, { lists: [], mjml: HAND_WRITTEN, status: 'draft' });
    const id = Number(campaign.id);

    await page.goto(`${PLUGIN}/campaigns/${id}`);
    await attribute(editorView(), 'data-view').toBe('visual');
    await text(page.getByTestId('raw-notice')).toContain(
      `${raws.length} ${raws.length === 1 ? 'part is' : 'parts are'} kept exactly as written.`,
    );
    await visible(page.getByTestId('raw-card').first());
    await browser.screenshot('visual-editor-raw');

    // A raw run is edited in the code view: its button opens it with the cursor on the run's first line.
    await page.getByTestId('raw-card').first().getByRole('button', { name: 'Edit it in the code view' }).click();
    await attribute(editorView(), 'data-view').toBe('code');
    await text(page.locator('.cm-activeLine')).toBe(raws[0].source.split('\n')[0].trim());
    await browser.screenshot('code-view-raw');
    await switchTo('Visual');
    await text(page.getByTestId('raw-notice')).toContain(`${raws.length} `);
    expect(await saveAndReload()).toBe(id);

    const saved = await savedMjml(id);
    expect(saved).toBe(HAND_WRITTEN);
    expect(await compiled(saved)).toBe(await compiled(HAND_WRITTEN));
  });

  it('changes only the bytes of the one text edited in the visual editor', async () => {
    const document = parsed(HAND_WRITTEN);
    const raws = rawRuns(document);
    const block = plainTextBlock(document, HAND_WRITTEN);
    const before = block.openTag + block.content + block.closeTag;
    const expected = HAND_WRITTEN.replace(before, block.openTag + EDITED_TEXT + block.closeTag);
    const campaign = await createCampaign(fixture.app.strapi, { lists: [], mjml: HAND_WRITTEN, status: 'draft' });
    const id = Number(campaign.id);

    await page.goto(`${PLUGIN}/campaigns/${id}`);
    await visible(page.getByTestId('raw-notice'));
    const original = page.getByTestId('text-canvas').filter({ hasText: block.content.trim() });
    await count(original).toBe(1);
    // Named by its node id from here on: its words are about to change.
    const surface = page.locator(`[data-text-surface="${await original.getAttribute('data-text-surface')}"]`);
    await surface.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(EDITED_TEXT);
    await text(surface).toBe(EDITED_TEXT);

    await switchTo('Code');
    await switchTo('Visual');
    await visible(page.getByTestId('text-canvas').filter({ hasText: EDITED_TEXT }));
    expect(await saveAndReload()).toBe(id);
    await visible(page.getByTestId('text-canvas').filter({ hasText: EDITED_TEXT }));
    await count(page.getByTestId('raw-notice')).toBe(1);

    const saved = await savedMjml(id);
    expect(saved).toBe(expected);
    for (const raw of raws) expect(saved).toContain(raw.source);
    expect(await compiled(saved)).toBe(await compiled(expected));
  });
});
