/**
 * The Liquid limits of every render (docs/architecture.md, "Composing"): hostile loops stop with
 * a message in milliseconds on the main thread, and Strapi content never runs as Liquid, `| raw`
 * included. The worker's own time and heap limits are proved in test/integration/render-limits.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  compileCampaign,
  prepareTemplate,
  renderMessage,
  type RecipientVars,
} from '../../server/src/services/composing';
import { PARSE_LIMIT_CHARS, RECIPIENT_RENDER_MS } from '../../server/src/services/composing/limits';
import { sampleRender } from '../../server/src/services/composing/sample-render';

const campaign = { subject: 'News', name: 'news' };
const recipient: RecipientVars = {
  subscriber: { id: 7, email: 'ada@example.com', name: 'Ada', attributes: {} },
  campaign,
  unsubscribe_url: 'https://news.example.com/u',
  preferences_url: 'https://news.example.com/p',
};

const inText = (text: string) =>
  `<mjml><mj-body><mj-section><mj-column><mj-text>${text}</mj-text></mj-column></mj-section></mj-body></mjml>`;

/** `depth` nested loops over `range` around `body`; a range naming `subscriber` renders per recipient. */
function nestedLoops(depth: number, body: string, range = '(1..10)'): string {
  const names = Array.from({ length: depth }, (_, i) => `v${i}`);
  return names.map((n) => `{% for ${n} in ${range} %}`).join('') + body + '{% endfor %}'.repeat(depth);
}

const HUGE_RANGE = '{% for i in (1..100000000) %}x{% endfor %}';
// The same per recipient (phase 2): the loops name the subscriber.
const RECIPIENT_HUGE_RANGE = '{% for i in (subscriber.id..100000000) %}x{% endfor %}';
const RECIPIENT_NESTED = nestedLoops(50, 'x', '(1..subscriber.email.size)');

async function compiled(mjml: string, entries: Record<string, unknown>[] = []) {
  const result = await compileCampaign({ mjml, campaign, entries });
  expect(result.errors).toEqual([]);
  return prepareTemplate({ html: result.html, subject: '{{ campaign.subject }}' });
}

function timed<T>(run: () => T): { ms: number; error: Error | null } {
  const start = performance.now();
  try {
    run();
    return { ms: performance.now() - start, error: null };
  } catch (error) {
    return { ms: performance.now() - start, error: error as Error };
  }
}

describe('per-recipient renders on the main thread', () => {
  it('refuses a range of a hundred million before allocating it', async () => {
    const prepared = await compiled(inText(RECIPIENT_HUGE_RANGE));
    const { ms, error } = timed(() => renderMessage(prepared, recipient));
    expect(error?.message).toMatch(/memory alloc limit exceeded/);
    expect(ms).toBeLessThan(RECIPIENT_RENDER_MS);
  });

  it('stops 50 nested loops after the render limit of 50 ms', async () => {
    const prepared = await compiled(inText(RECIPIENT_NESTED));
    const { ms, error } = timed(() => renderMessage(prepared, recipient));
    expect(error?.message).toMatch(/template render limit exceeded/);
    expect(ms).toBeGreaterThanOrEqual(RECIPIENT_RENDER_MS - 1);
    expect(ms).toBeLessThan(RECIPIENT_RENDER_MS * 4);
  });

  it('gives the subject, HTML and text of a message one 50 ms budget together', async () => {
    // Each part loops `n` times (n from the recipient's attributes), calibrated to about 40 ms
    // a part: each would pass a limit of its own, together they must stop near 50 ms.
    const loop = '{% for i in (1..subscriber.attributes.n) %}x{% endfor %}';
    const result = await compileCampaign({ mjml: inText(loop), campaign, entries: [] });
    const prepared = prepareTemplate({ html: result.html, subject: loop });
    const withN = (n: number) => ({ ...recipient, subscriber: { ...recipient.subscriber, attributes: { n } } });
    const probes = Array.from({ length: 8 }, () => timed(() => renderMessage(prepared, withN(2_000))));
    expect(probes.every((probe) => probe.error === null)).toBe(true);
    const probeMs = Math.min(...probes.slice(3).map((probe) => probe.ms));
    const n = Math.min(900_000, Math.round((2_000 * 120) / Math.max(probeMs, 0.01)));
    const { ms, error } = timed(() => renderMessage(prepared, withN(n)));
    expect(error?.message).toMatch(/template render limit exceeded/);
    expect(ms).toBeLessThan(RECIPIENT_RENDER_MS * 2);
  });

  it('renders an ordinary loop as before', async () => {
    const prepared = await compiled(inText(nestedLoops(2, '{{ subscriber.name }}')));
    expect(renderMessage(prepared, recipient).text).toContain('Ada'.repeat(100));
  });

  it('refuses to parse a template longer than the parse limit', () => {
    const html = 'x'.repeat(PARSE_LIMIT_CHARS + 1);
    expect(() => prepareTemplate({ html, subject: '' })).toThrow(/parse length limit exceeded/);
  });
});

describe('campaign-level renders (phase 1)', () => {
  it.each([
    ['a range of a hundred million', HUGE_RANGE],
    ['50 nested loops', nestedLoops(50, 'x')],
  ])('stop %s with a message naming the limit', async (_name, loop) => {
    const start = performance.now();
    const { html, errors } = await compileCampaign({ mjml: inText(loop), campaign, entries: [] });
    expect(performance.now() - start).toBeLessThan(5_000);
    expect(html).toBe('');
    expect(errors[0].message).toMatch(/limit exceeded: the template was stopped because it renders too long/);
  });

  it('the sample render reports a limit hit per recipient as a preview error', async () => {
    const mjml = inText(RECIPIENT_NESTED);
    const sample = await sampleRender({ source: { mjml, campaign }, subject: 'News', recipient });
    expect(sample.message).toBeNull();
    expect(sample.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^Preview: template render limit/)]);
  });
});

describe('Strapi content never runs as Liquid', () => {
  const hostile = '{{ subscriber.email }}{% for x in (1..3) %}';

  it.each([
    ['escaped', '{{ entries[0].text }}'],
    ['| raw', '{{ entries[0].text | raw }}'],
    ['| raw after other filters', '{{ entries[0].text | strip | raw }}'],
    ['echo with | raw', '{% echo entries[0].text | raw %}'],
    ['an assigned copy with | raw', '{% assign t = entries[0].text %}{{ t | raw }}'],
    ['a captured copy with | raw', '{% capture t %}{{ entries[0].text | raw }}{% endcapture %}{{ t | raw }}'],
    ['cycle', '{% cycle entries[0].text, "b" %}'],
  ])('arrives literally when inserted %s', async (_how, insert) => {
    const prepared = await compiled(inText(`<p>${insert}</p>`), [{ text: hostile }]);
    const message = renderMessage(prepared, recipient);
    expect(message.text).toContain(hostile);
    expect(message.html).not.toContain('ada@example.com');
    expect(message.html).toContain('&#123;&#123; subscriber.email }}&#123;% for x in (1..3) %}');
  });

  it('| raw still leaves HTML in content unescaped', async () => {
    const prepared = await compiled(inText('{{ entries[0].body | raw }}'), [{ body: '<b>bold</b> {x}' }]);
    expect(renderMessage(prepared, recipient).html).toContain('<b>bold</b> &#123;x}');
  });
});

describe('the parse limit', () => {
  it('refuses an MJML source longer than the limit with a message, never a crash', async () => {
    const mjml = inText('x'.repeat(PARSE_LIMIT_CHARS));
    const { html, errors } = await compileCampaign({ mjml, campaign, entries: [] });
    expect(html).toBe('');
    expect(errors).toEqual([{ line: 0, message: expect.stringMatching(/^parse length limit exceeded: Liquid reads/) }]);
  });
});
