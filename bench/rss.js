// Peak RSS while sending 100,000: boot Strapi (SQLite), seed 100,000 subscribed people, then one
// campaign through the whole pipeline (promotion materializes the 100,000 rows, then batches are
// claimed, built, sent to the SMTP sink and recorded) while process.memoryUsage() is sampled
// every 100 ms. Baseline: the RSS after boot, before seeding and sending. The sink runs in its
// own process, so its memory is not counted.
const runChild = require('./lib/child');
const { bootStrapi, plugin } = require('./lib/strapi');
const { startSink } = require('./lib/sink');
const { loadComposer } = require('./lib/composer');
const seed = require('./lib/seed');
const { mb, now } = require('./lib/stats');

const AUDIENCE = Number(process.env.BENCH_RSS_AUDIENCE ?? 100_000);

// A short newsletter: memory, not rendering, is measured here, and 100,000 sends must stay quick.
const MJML = `<mjml><mj-body>
  <mj-section><mj-column>
    <mj-text font-size="18px">Hello {{ subscriber.name | default: "friend" }},</mj-text>
    <mj-text>This week: {{ campaign.name }}. Version 5.4 is out, with faster builds and a new media library.</mj-text>
    <mj-button href="https://news.example.com/releases/5-4">Read the release notes</mj-button>
    <mj-text font-size="12px" color="#8e8ea9"><a href="{{ preferences_url }}">Preferences</a> · <a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text>
  </mj-column></mj-section>
</mj-body></mjml>`;

const gc = () => global.gc?.();

async function main() {
  const sink = await startSink();
  // BENCH_VARIANT as in delivery.js: measure a suggested fix (a patch file) before it lands.
  const variant = process.env.BENCH_VARIANT
    ? require('./lib/variant').buildVariant(
        process.env.BENCH_VARIANT === 'base' ? null : process.env.BENCH_VARIANT.split(','),
      )
    : null;
  const app = await bootStrapi({ client: 'sqlite', smtp: sink, appDir: variant?.appDir });
  const { strapi } = app;
  try {
    gc();
    const afterBoot = process.memoryUsage();

    const t0 = now();
    const list = await seed.createList(strapi, 'bench-rss');
    const [first, last] = await seed.insertSubscribers(strapi, AUDIENCE, { prefix: 'rss' });
    await seed.linkRange(strapi, list.id, first, last);
    const seedMs = now() - t0;
    const { html } = await loadComposer().compileCampaign({ mjml: MJML, campaign: { name: 'Week 1' } });
    const campaign = await seed.createCampaign(strapi, {
      name: 'Week 1',
      subject: 'News for {{ subscriber.name }}',
      mjml: MJML,
      html,
      entries: [],
      lists: [list],
    });
    gc();
    const beforeSend = process.memoryUsage();

    let t1 = now();
    let peakRss = beforeSend.rss;
    let peakHeap = beforeSend.heapUsed;
    let samples = 0;
    const timeline = [];
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      samples += 1;
      if (samples % 10 === 0) timeline.push([Math.round(now() - t1), mb(m.rss), mb(m.heapUsed)]);
      if (m.rss > peakRss) peakRss = m.rss;
      if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
    }, 100);

    await seed.schedule(strapi, campaign.id);
    t1 = now();
    await plugin(strapi).service('sender').run();
    await sink.waitFor(AUDIENCE, 60_000);
    const sendMs = now() - t1;
    clearInterval(sampler);
    gc();
    const afterSend = process.memoryUsage();

    const counts = await seed.deliveryCounts(strapi, campaign.id);
    if (counts.sent !== AUDIENCE) throw new Error(`expected ${AUDIENCE} sent, got ${JSON.stringify(counts)}`);
    return {
      variant: process.env.BENCH_VARIANT,
      nodeFlags: process.execArgv,
      audience: AUDIENCE,
      seedMs: Math.round(seedMs),
      sendMs: Math.round(sendMs),
      perSecond: Math.round((AUDIENCE / sendMs) * 1000),
      samples,
      rssMB: {
        afterBoot: mb(afterBoot.rss),
        beforeSend: mb(beforeSend.rss),
        peak: mb(peakRss),
        peakOverBoot: mb(peakRss - afterBoot.rss),
      },
      heapUsedMB: {
        afterBoot: mb(afterBoot.heapUsed),
        beforeSend: mb(beforeSend.heapUsed),
        peak: mb(peakHeap),
        afterSendGc: mb(afterSend.heapUsed),
      },
      rssAfterSendGcMB: mb(afterSend.rss),
      timeline: process.env.BENCH_RSS_TIMELINE ? timeline : undefined,
      gcExposed: typeof global.gc === 'function',
      acceptance: { criterion: 'peak RSS while sending 100,000 < 300 MB', pass: peakRss < 300 * 1048576 },
    };
  } finally {
    await app.stop();
    await sink.close();
    variant?.remove();
  }
}

runChild(main);
