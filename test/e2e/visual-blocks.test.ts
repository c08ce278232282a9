/**
 * Building a newsletter from blocks in the visual editor (issue 15, "Must show"): a section dragged from
 * the palette, a text typed in place with a heading, a bold word and a link, an image uploaded and chosen in the
 * Media Library, a button, and a Strapi entries block with a published article; saved, sent as a test,
 * and the message received is the HTML the preview showed.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UID } from '../../server/src/constants';
import { ARTICLE, uploadPng } from '../helpers/articles';
import { createCampaign } from '../helpers/fixtures';
import { solidPng } from '../helpers/png';
import { ADMIN } from '../helpers/strapi';
import { logIn, openBrowser, type BrowserSession } from './helpers/browser';
import { PLUGIN, startAdminApp, tickSender, type AdminApp } from './helpers/admin-app';
import { attribute, count, eventually, text, visible } from './helpers/wait';

const IMAGE_NAME = 'quay.png';
const ALT = 'The new quay at noon';
const HEADING = 'Harbour news';
const SENTENCE = 'The new quay opens on Monday with music.';
const BOLD_WORD = 'Monday';
const LINKED_WORD = 'music';
const LINK_HREF = 'http://127.0.0.1/music';
// Liquid typed in the text, with a comparison the browser would write back as `&gt;`.
const LIQUID = ' {% if 2 > 1 %}See you there!{% endif %}';
const BUTTON_LABEL = 'Visit the quay';
const BUTTON_HREF = 'http://127.0.0.1/quay?from=newsletter';
const ARTICLE_TITLE = 'Boats are back in the harbour';
const SOCIAL_HREF = 'http://127.0.0.1/harbour-social';

let fixture: AdminApp;
let browser: BrowserSession;
let page: Page;
let imageDir: string;

const previewHtml = () => page.getAttribute('[data-testid="preview-frame"]', 'srcdoc');
const selectedNode = () => page.locator('[data-testid="visual-node"][data-selected="true"]');
const panel = () => page.getByTestId('visual-panel');

/** Selects `word` inside `surface` as a person double-clicking it would. */
async function selectWord(surface: Locator, word: string) {
  await surface.evaluate((element, wanted) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      document.getSelection()?.removeAllRanges();
      document.getSelection()?.addRange(range);
      return;
    }
    throw new Error(`"${wanted}" is not in the text`);
  }, word);
}

/**
 * Drags a palette block onto a drop zone with the mouse (HTML5 drag and drop, as a person does it). The
 * drop zones exist only while something is dragged, so the drag starts before the zone is looked up,
 * which `locator.dragTo` cannot do.
 */
async function dragFromPalette(kind: string, zone: () => Locator) {
  const source = page.getByTestId(`palette-${kind}`);
  await source.scrollIntoViewIfNeeded();
  const box = await source.boundingBox();
  if (!box) throw new Error(`palette-${kind} is not on the page`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2 + 20, { steps: 5 });
  await visible(zone());
  await zone().hover();
  await zone().hover({ position: { x: 5, y: 5 } });
  await page.mouse.up();
}

describe('a newsletter built from blocks', () => {
  beforeAll(async () => {
    fixture = await startAdminApp();
    browser = await openBrowser(fixture.app.url);
    page = browser.page;
    imageDir = await mkdtemp(path.join(tmpdir(), 'email-campaigns-blocks-'));
    // Wide enough for the upload plugin to make its formats: the 300 px choice picks `medium`.
    await writeFile(path.join(imageDir, IMAGE_NAME), solidPng(1200, 800, [22, 160, 133]));
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

  it('builds a newsletter from a section, text, image, button and entries, saves it and sends a test that is what the preview showed', async () => {
    await page.goto(`${PLUGIN}/campaigns/new`);
    await page.locator('input[name="name"]').fill('Quay issue');
    await page.locator('input[name="subject"]').fill('The quay is open');
    await visible(page.getByTestId('visual-editor'));
    const sections = page.locator('[data-testid="visual-node"][data-kind="section"]');
    const sectionsBefore = await sections.count();

    // A section dragged between the starter's two sections; it comes selected, so the blocks clicked next go in it.
    await dragFromPalette('section', () =>
      page.locator('[data-testid="drop-zone"][data-parent="body"][data-index="1"]'),
    );
    await count(sections).toBe(sectionsBefore + 1);
    await attribute(selectedNode(), 'data-kind').toBe('section');

    // Text: typed in place, made a heading, a second paragraph, one word bold from the side panel's toolbar.
    await page.getByTestId('palette-text').click();
    await attribute(selectedNode(), 'data-kind').toBe('text');
    const textNodeId = await selectedNode().getAttribute('data-node-id');
    const surface = selectedNode().getByTestId('text-canvas');
    await surface.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(HEADING);
    await panel().getByRole('button', { name: 'Heading' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type(SENTENCE);
    await page.keyboard.type(LIQUID);
    await selectWord(surface, BOLD_WORD);
    await panel().getByRole('button', { name: 'Bold' }).click();
    await eventually(() => surface.innerHTML()).toContain(`<b>${BOLD_WORD}</b>`);
    // A link: the address asked for in the panel, the selection kept meanwhile.
    await selectWord(surface, LINKED_WORD);
    await panel().getByRole('button', { name: 'Link', exact: true }).click();
    await panel().locator('input[name="linkUrl"]').fill(LINK_HREF);
    await panel().getByRole('button', { name: 'Apply' }).click();
    await eventually(() => surface.innerHTML()).toContain(`<a href="${LINK_HREF}">${LINKED_WORD}</a>`);
    expect(await surface.locator('h2').textContent()).toBe(HEADING);

    // Image: uploaded in the Media Library's own dialog, then the alternative text and the width.
    await page.getByTestId('palette-image').click();
    await attribute(selectedNode(), 'data-kind').toBe('image');
    await visible(selectedNode().getByTestId('image-placeholder'));
    await panel().getByRole('button', { name: 'Choose from the Media Library' }).click();
    const library = page.getByRole('dialog');
    await library
      .getByRole('button', { name: /Add new assets/i })
      .first()
      .click();
    await page.locator('input[type="file"]').setInputFiles(path.join(imageDir, IMAGE_NAME));
    await page.getByRole('button', { name: /Upload 1 asset to the library/i }).click();
    await library.getByRole('checkbox').last().click();
    await page.getByRole('button', { name: 'Finish' }).click();
    const options = page.getByRole('dialog', { name: 'Use an image' });
    await options.locator('input[name="imageAlt"]').fill('');
    await visible(options.getByText('This image has no alternative text.'));
    await options.locator('input[name="imageAlt"]').fill(ALT);
    await options.getByRole('combobox').click();
    await page.getByRole('option', { name: '300 px' }).click();
    await options.getByRole('button', { name: 'Use this image' }).click();
    const src = `${fixture.app.url}/uploads/medium_`;
    const image = selectedNode().getByTestId('image-canvas');
    await eventually(() => image.getAttribute('src').catch(() => null)).toMatch(new RegExp(`^${src}`));
    expect(await image.getAttribute('alt')).toBe(ALT);
    // The width picked the format and is shown at it, on the canvas as in the mail.
    expect(await image.evaluate((img: HTMLImageElement) => img.style.width)).toBe('300px');

    // Button: its label and address in the side panel.
    await page.getByTestId('palette-button').click();
    await attribute(selectedNode(), 'data-kind').toBe('button');
    await panel().locator('input[name="label"]').fill(BUTTON_LABEL);
    await panel().locator('input[name="href"]').fill(BUTTON_HREF);
    await text(selectedNode().getByTestId('button-canvas')).toBe(BUTTON_LABEL);

    // Strapi entries: a body-level block; choosing the first article writes the loop for its fields. The
    // article is made only now so that the Media Library held just the uploaded image when it was chosen.
    const cover = await uploadPng(fixture.app.strapi, 'boats.png', 'Boats at the quay');
    await fixture.app.strapi.documents(ARTICLE as any).create({
      data: { title: ARTICLE_TITLE, summary: 'Forty boats **came home** this week.', cover: cover.id } as any,
      status: 'published',
    } as any);
    await page.getByTestId('palette-entries').click();
    await attribute(selectedNode(), 'data-kind').toBe('entries');
    await text(selectedNode().getByTestId('entries-canvas')).toContain('No entries chosen yet');
    await panel().getByRole('button', { name: 'Choose entries' }).click();
    const picker = page.getByRole('dialog');
    await picker.getByRole('combobox').click();
    await page.getByRole('option', { name: 'Article' }).click();
    await text(picker.getByTestId('picker-entries')).toContain(ARTICLE_TITLE);
    await picker.getByTestId('picker-entries').getByRole('button', { name: 'Add' }).first().click();
    await visible(picker.getByRole('button', { name: 'Added' }));
    await picker.getByRole('button', { name: 'Close' }).last().click();
    await text(selectedNode().getByTestId('entries-canvas-entry')).toBe(ARTICLE_TITLE);

    await eventually(previewHtml).toContain(ARTICLE_TITLE);
    await eventually(previewHtml).toContain(`href="${BUTTON_HREF}"`);
    // The text selected again, its toolbar in the side panel: the screenshot of the editor.
    await page.locator(`[data-testid="visual-node"][data-node-id="${textNodeId}"]`).click();
    await browser.screenshot('visual-editor-blocks');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await visible(page.getByText('Campaign saved'));
    await page.waitForURL(/\/campaigns\/\d+$/);
    const id = Number(/\/campaigns\/(\d+)$/.exec(page.url())?.[1]);
    const saved = await fixture.app.strapi.db.query(UID.campaign).findOne({ where: { id } });
    expect(saved.entries.map((entry: { title: string }) => entry.title)).toEqual([ARTICLE_TITLE]);
    // The untouched generic loop was replaced by the article type's: its cover, title and summary.
    expect(saved.mjml).toMatch(/\{% for (\w+) in entries %\}[\s\S]*\{\{ \1\.cover\.url \}\}[\s\S]*\{\{ \1\.title \}\}/);
    expect(saved.mjml).toContain(`<b>${BOLD_WORD}</b>`);
    expect(saved.mjml).toContain(LIQUID);

    const before = fixture.smtp.received();
    await page.locator('input[name="testEmails"]').fill('editor@example.test');
    await page.getByRole('button', { name: 'Send test' }).click();
    await visible(page.getByText('Test queued for 1 address'));
    await tickSender(fixture.app);
    const [mail] = (await fixture.smtp.waitFor(before + 1)).slice(before);
    const received = mail.html ?? '';

    // The preview renders for a stand-in recipient (name "Test recipient", links with token=test); a test
    // send renders for the same stand-in with the test address, and test rows are never tracked. This
    // template prints no address, so nothing may differ: the message is byte for byte what the preview showed.
    await eventually(previewHtml).toBe(received);

    expect(received).toContain(`<h2>${HEADING}</h2>`);
    expect(received).toContain(`<b>${BOLD_WORD}</b>`);
    expect(received).toContain(
      SENTENCE.replace(BOLD_WORD, `<b>${BOLD_WORD}</b>`).replace(
        LINKED_WORD,
        `<a href="${LINK_HREF}">${LINKED_WORD}</a>`,
      ),
    );
    const img = /<img\b[^>]*alt="The new quay at noon"[^>]*>/.exec(received)?.[0] ?? '';
    expect(/src="([^"]+)"/.exec(img)?.[1]?.startsWith(src)).toBe(true);
    expect(received).toContain(`href="${BUTTON_HREF}"`);
    expect(received).toContain('music</a>. See you there!');
    expect(received).not.toContain('{%');
    expect(received).toContain(BUTTON_LABEL);
    expect(received).toContain(ARTICLE_TITLE);
    expect(received).toContain('Forty boats <strong>came home</strong> this week.');
  });

  it('adds a divider, a spacer and social links from the palette and edits each in its panel', async () => {
    const start = '<mj-text>Before the new blocks</mj-text>';
    const mjml =
      '<mjml><mj-head><mj-attributes><mj-all font-family="Helvetica" /></mj-attributes></mj-head>' +
      `<mj-body><mj-section><mj-column>${start}</mj-column></mj-section></mj-body></mjml>`;
    const campaign = await createCampaign(fixture.app.strapi, { lists: [], mjml, status: 'draft' });
    await page.goto(`${PLUGIN}/campaigns/${campaign.id}`);
    // Selected, the text is where the palette's next blocks go: after it, in its column.
    await page.locator('[data-testid="visual-node"][data-kind="text"]').click();

    await page.getByTestId('palette-divider').click();
    await attribute(selectedNode(), 'data-kind').toBe('divider');
    await panel().locator('input[name="border-width"]').fill('2px');
    await page.getByTestId('palette-spacer').click();
    await attribute(selectedNode(), 'data-kind').toBe('spacer');
    await panel().locator('input[name="height"]').fill('40px');
    await page.getByTestId('palette-social').click();
    await attribute(selectedNode(), 'data-kind').toBe('social');
    await panel().locator('input[name="socialHref0"]').fill(SOCIAL_HREF);

    // In the server's preview, in this order, and saved as MJML with the text before them untouched.
    await eventually(previewHtml).toContain(`href="${SOCIAL_HREF}"`);
    const html = (await previewHtml()) ?? '';
    expect(html).toMatch(/border-top:\s*solid 2px/);
    expect(html).toMatch(/height:\s*40px/);
    expect(html.indexOf('Before the new blocks')).toBeLessThan(html.indexOf(SOCIAL_HREF));
    // A "follow us" link leads to the address typed, not to Facebook's share page around it (mjml's `facebook`).
    expect(html).not.toContain('facebook.com/sharer');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await visible(page.getByText('Campaign saved'));
    const saved: string = (await fixture.app.strapi.db.query(UID.campaign).findOne({ where: { id: campaign.id } }))
      .mjml;
    expect(saved).toContain(start);
    expect(saved).toMatch(/<mj-divider\b[^>]*border-width="2px"/);
    expect(saved).toMatch(/<mj-spacer\b[^>]*height="40px"/);
    expect(saved).toMatch(new RegExp(`<mj-social-element\\b[^>]*href="${SOCIAL_HREF}"`));
    expect(saved.indexOf('<mj-divider')).toBeLessThan(saved.indexOf('<mj-spacer'));
    expect(saved.indexOf('<mj-spacer')).toBeLessThan(saved.indexOf('<mj-social'));
    // mjml's default social icons are on mailjet.com, which the admin's CSP keeps out of the preview.
    expect(
      browser.takeErrors().filter((error) => !/violates the following Content Security Policy/.test(error)),
    ).toEqual([]);
  });

  it('shows a text that holds a script without running it, and leaves editing it to the code view', async () => {
    // An image that cannot decode fires its error handler at once, if the handler is still there.
    const hostile =
      '<p>Safe words</p><img src="data:image/png;base64,AAAA" onerror="window.__ranFromTemplate = true">' +
      '<script>window.__ranFromTemplate = true</script>';
    const mjml =
      '<mjml><mj-body><mj-section><mj-column>' +
      `<mj-text>${hostile}</mj-text><mj-text><p>An ordinary text</p></mj-text>` +
      '</mj-column></mj-section></mj-body></mjml>';
    const campaign = await createCampaign(fixture.app.strapi, { lists: [], mjml, status: 'draft' });
    await page.goto(`${PLUGIN}/campaigns/${campaign.id}`);
    const texts = page.getByTestId('text-canvas');
    await text(texts.first()).toBe('Safe words');
    await text(texts.nth(1)).toBe('An ordinary text');
    await visible(page.getByText('This text holds scripts, styles or frames the editor does not show'));
    expect(await texts.first().getAttribute('contenteditable')).toBe('false');
    expect(await texts.nth(1).getAttribute('contenteditable')).toBe('true');
    expect(await texts.first().innerHTML()).not.toMatch(/onerror|<script/);
    expect(await texts.first().locator('img').count()).toBe(1);
    expect(await page.evaluate(() => (window as any).__ranFromTemplate)).toBeUndefined();
    // Nothing was written back: the campaign's MJML is as it was made.
    const saved = await fixture.app.strapi.db.query(UID.campaign).findOne({ where: { id: campaign.id } });
    expect(saved.mjml).toBe(mjml);
    // The preview frame is sandboxed, so the script is blocked there too, and Chromium says so; nothing else may log.
    expect(
      browser.takeErrors().filter((error) => !error.includes("Blocked script execution in 'about:srcdoc'")),
    ).toEqual([]);
  });
});
