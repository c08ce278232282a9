// Render vs compile: one MJML compile (compileCampaign: phase-1 Liquid + MJML, once per saved
// version) against one recipient render (renderMessage on a template parsed once by
// prepareTemplate: Liquid + html-to-text), on the newsletter fixture.
const { Liquid } = require('liquidjs');
const { compile: compileHtmlToText } = require('html-to-text');
const runChild = require('./lib/child');
const { loadComposer, newsletter } = require('./lib/composer');
const { summary, timeRuns, round } = require('./lib/stats');

const vars = (i) => ({
  subscriber: {
    id: i,
    email: `person-${i}@example.test`,
    name: `Person ${i}`,
    locale: 'en',
    plan: i % 4 ? 'free' : 'pro',
    attributes: { plan: i % 4 ? 'free' : 'pro' },
  },
  campaign: { id: 42, name: 'Week 23' },
  unsubscribe_url: `https://news.example.test/api/email-campaigns/unsubscribe?token=${'x'.repeat(120)}${i}`,
  preferences_url: `https://news.example.test/api/email-campaigns/preferences?token=${'y'.repeat(100)}${i}`,
});

async function main() {
  const composer = loadComposer();
  const n = newsletter();
  const source = {
    mjml: n.mjml,
    campaign: { id: 42, name: 'Week 23', subject: n.subject, preheader: n.preheader },
    entries: n.entries,
  };

  let compiled;
  const compileMs = await timeRuns(async () => (compiled = await composer.compileCampaign(source)), {
    times: 20,
    warmup: 3,
  });
  if (compiled.errors.length)
    throw new Error(`the fixture does not compile cleanly: ${JSON.stringify(compiled.errors)}`);

  let prepared;
  const prepareMs = await timeRuns(
    () => (prepared = composer.prepareTemplate({ html: compiled.html, subject: n.subject })),
    { times: 50, warmup: 5 },
  );

  let message;
  const renderMs = await timeRuns((i) => (message = composer.renderMessage(prepared, vars(i))), {
    times: 2000,
    warmup: 200,
  });

  // The split of one render, with engines configured as composer.ts configures its own.
  const liquid = new Liquid({
    strictFilters: true,
    ownPropertyOnly: true,
    cache: false,
    templates: {},
    outputEscape: 'escape',
  });
  const parsed = liquid.parse(compiled.html);
  const liquidMs = await timeRuns((i) => liquid.renderSync(parsed, vars(i)), { times: 2000, warmup: 200 });
  const toText = compileHtmlToText({
    wordwrap: 78,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: '[style*="display:none"]', format: 'skip' },
    ],
  });
  const textMs = await timeRuns(() => toText(message.html), { times: 500, warmup: 50 });

  const compile = summary(compileMs);
  const render = summary(renderMs);
  return {
    template: {
      mjmlBytes: Buffer.byteLength(n.mjml),
      entries: n.entries.length,
      compiledHtmlBytes: Buffer.byteLength(compiled.html),
      renderedHtmlBytes: Buffer.byteLength(message.html),
      textBytes: Buffer.byteLength(message.text),
    },
    compileMs: compile,
    prepareMs: summary(prepareMs),
    renderMs: render,
    renderSplitMs: { liquid: summary(liquidMs), htmlToText: summary(textMs) },
    rendersPerCompile: round(compile.median / render.median, 1),
    rendersPerSecond: Math.round(1000 / render.median),
  };
}

runChild(main);
