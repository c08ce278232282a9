// Idle tick: one sender.tick() with no due work and one provider, on an outbox that holds a
// realistic history (100,000 sent rows of a finished campaign). Timed and counted (knex's
// 'query' event on strapi.db.connection), against a single `select 1` as the baseline.
const { AsyncLocalStorage } = require('node:async_hooks');
const runChild = require('./lib/child');
const { bootStrapi, plugin } = require('./lib/strapi');
const seed = require('./lib/seed');
const { summary, timeRuns, now } = require('./lib/stats');

const HISTORY = Number(process.env.BENCH_IDLE_HISTORY ?? 100_000);
const TICKS = Number(process.env.BENCH_IDLE_TICKS ?? 200);

async function main([client = 'sqlite']) {
  const app = await bootStrapi({ client });
  const { strapi } = app;
  const db = strapi.db.connection;
  try {
    const providers = plugin(strapi)
      .service('providers')
      .all()
      .map((p) => p.name);
    const list = await seed.createList(strapi, 'bench-idle');
    const campaign = await seed.createCampaign(strapi, {
      name: 'bench-idle',
      subject: 'Hello',
      mjml: '<mjml><mj-body></mj-body></mjml>',
      html: '<p>hi</p>',
      entries: [],
      lists: [list],
    });
    await db(seed.T.campaigns)
      .where({ id: campaign.id })
      .update({
        status: 'sent',
        started_at: new Date(Date.now() - 2 * 86_400_000),
        finished_at: new Date(Date.now() - 86_400_000),
      });
    // History: sent rows spread over the last two days (some inside the day window).
    const t0 = Date.now();
    await db.transaction(async (trx) => {
      for (let i = 0; i < HISTORY; i += 500) {
        const rows = [];
        for (let k = i; k < Math.min(HISTORY, i + 500); k++) {
          const sentAt = new Date(t0 - 2 * 86_400_000 + Math.floor((k / HISTORY) * 2 * 86_400_000));
          rows.push({
            kind: 'campaign',
            campaign_id: campaign.id,
            subscriber_id: k + 1,
            email: `past-${k}@example.test`,
            provider: 'main',
            status: 'sent',
            attempts: 1,
            sent_at: sentAt,
            message_id: `<d${k}.c${campaign.id}@news.example.test>`,
            last_code: '250',
            created_at: sentAt,
            updated_at: sentAt,
          });
        }
        await trx(seed.T.deliveries).insert(rows);
      }
    });
    if (client === 'postgres') await db.raw('analyze');

    const sender = plugin(strapi).service('sender');
    // Every query of a tick, with its own duration (knex's query and query-response events).
    let current = [];
    const started = new Map();
    // Only the tick's own queries: Strapi's background work (core-store updates) can interleave.
    const inTick = new AsyncLocalStorage();
    db.on('query', (q) => {
      if (!current || !inTick.getStore()) return;
      started.set(q.__knexQueryUid, now());
      current.push({ uid: q.__knexQueryUid, sql: q.sql, ms: NaN });
    });
    db.on('query-response', (_r, q) => {
      const t = started.get(q.__knexQueryUid);
      const entry = current?.find((e) => e.uid === q.__knexQueryUid);
      if (entry && t !== undefined) entry.ms = now() - t;
      started.delete(q.__knexQueryUid);
    });
    // The first tick also purges old pending subscribers (hourly): count it apart.
    current = [];
    const firstResult = await inTick.run(true, () => sender.tick());
    const firstTickQueries = current.length;
    for (let i = 0; i < 5; i++) await sender.tick(); // warm-up

    const perTick = [];
    const byPosition = [];
    let sample = [];
    let busiest = [];
    const tickMs = await timeRuns(
      async () => {
        current = [];
        const r = await inTick.run(true, () => sender.tick());
        if (r.claimed !== 0) throw new Error('the idle tick claimed work');
        if (current.length > Math.max(0, ...perTick))
          busiest = current.map((q) => q.sql.replace(/\s+/g, ' ').slice(0, 120));
        perTick.push(current.length);
        current.forEach((q, i) => (byPosition[i] ??= []).push(q.ms));
        sample = [...current];
      },
      { times: TICKS },
    );
    current = null;
    const selectOneMs = await timeRuns(() => db.raw('select 1'), { times: TICKS, warmup: 20 });

    const tick = summary(tickMs);
    const maxQueries = Math.max(...perTick);
    return {
      client,
      providers,
      historyRows: HISTORY,
      firstTick: { queries: firstTickQueries, claimed: firstResult.claimed },
      tickMs: tick,
      queriesPerTick: { min: Math.min(...perTick), max: maxQueries },
      queries: sample.map((q, i) => ({
        medianMs: summary(byPosition[i]).median,
        sql: q.sql.replace(/\s+/g, ' ').slice(0, 200),
      })),
      busiestTick:
        perTick.filter((n) => n === maxQueries).length < TICKS
          ? { ticks: perTick.filter((n) => n === maxQueries).length, queries: busiest }
          : undefined,
      baseline: { selectOneMs: summary(selectOneMs) },
      acceptance: { criterion: 'idle tick < 5 ms (median) and <= 5 queries', pass: tick.median < 5 && maxQueries <= 5 },
    };
  } finally {
    await app.stop();
  }
}

runChild(main);
