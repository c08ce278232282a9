/**
 * The starter templates render well on a phone and on a desktop mail client: drawn in Chromium at
 * 320 px and 600 px, nothing in them reaches past the right edge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCampaign, prepareTemplate, renderMessage } from '../../server/src/services/composing';
import { STARTER_TEMPLATES } from '../../server/src/templates';
import { openBrowser, type BrowserSession } from './helpers/browser';

const recipient = {
  subscriber: { id: 0, email: 'test@example.com', name: 'Test recipient', locale: null, attributes: {} },
  unsubscribe_url: 'http://127.0.0.1/api/email-campaigns/unsubscribe?token=test',
  preferences_url: 'http://127.0.0.1/api/email-campaigns/preferences?token=test',
};
const ENTRIES = [
  { title: 'A long article title that wraps over several lines on a small phone screen', description: 'Summary.' },
  { title: 'Another article', description: 'A longer summary '.repeat(12) },
];

let browser: BrowserSession;

describe('starter templates in Chromium', () => {
  beforeAll(async () => {
    browser = await openBrowser('http://127.0.0.1');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each(
    STARTER_TEMPLATES.flatMap((template) => [320, 600].map((width) => [template.name, width, template] as const)),
  )('%s fits %i px without horizontal overflow', async (_name, width, template) => {
    const campaign = { name: template.name, subject: template.subject, preheader: template.preheader };
    const { html } = await compileCampaign({ mjml: template.mjml, campaign, entries: ENTRIES });
    const message = renderMessage(prepareTemplate({ html, subject: template.subject }), { ...recipient, campaign });
    const { page } = browser;
    await page.setViewportSize({ width, height: 900 });
    await page.setContent(message.html);
    const overflow = await page.evaluate(() => {
      const limit = document.documentElement.clientWidth;
      const past = [...document.body.querySelectorAll('*')]
        .filter((element) => element.getBoundingClientRect().right > limit + 0.5)
        .map((element) => element.outerHTML.slice(0, 80));
      return { scrollWidth: document.documentElement.scrollWidth, limit, past };
    });
    expect(overflow.past).toEqual([]);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.limit);
    await browser.screenshot(`starter-${template.key}-${width}`);
    expect(browser.takeErrors()).toEqual([]);
  });
});
