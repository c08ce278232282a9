// Segment materialize: outbox.materialize() of a 100,000-person segment
// (attributes.plan = "pro" AND language = "vi" AND NOT in list X), beside the very same people
// as a list, in the same run on the same rows. 120,000 subscribers: 100,000 matching, 10,000 on
// list X, 10,000 on the free plan, so the rules filter real rows.
const runChild = require('./lib/child');
const { bootStrapi, plugin } = require('./lib/strapi');
const seed = require('./lib/seed');
const { summary, now, round } = require('./lib/stats');

const AUDIENCE = Number(process.env.BENCH_AUDIENCE ?? 100_000);
const RUNS = Number(process.env.BENCH_MATERIALIZE_RUNS ?? 3);
const EXTRA = AUDIENCE / 10;

async function main([client = 'postgres']) {
  const app = await bootStrapi({ client });
  const { strapi } = app;
  const db = strapi.db.connection;
  try {
    const t0 = now();
    const excluded = await seed.createList(strapi, 'bench-x');
    const sameAsList = await seed.createList(strapi, 'bench-segment-people');
    const [first, last] = await seed.insertSubscribers(strapi, AUDIENCE + 2 * EXTRA, { prefix: 'seg' });
    const pro = JSON.stringify({ plan: 'pro', city: 'Hanoi' });
    const free = JSON.stringify({ plan: 'free', city: 'Hanoi' });
    await db(seed.T.subscribers).whereBetween('id', [first, last]).update({ locale: 'vi', attributes: pro });
    await db(seed.T.subscribers)
      .where('id', '>', last - EXTRA)
      .update({ attributes: free });
    await seed.linkRange(strapi, excluded.id, last - 2 * EXTRA + 1, last - EXTRA);
    await seed.linkRange(strapi, sameAsList.id, first, first + AUDIENCE - 1);
    if (client === 'postgres') await db.raw('analyze');
    const seedMs = now() - t0;

    const rules = {
      match: 'all',
      conditions: [
        { field: 'attribute', path: 'plan', operator: 'eq', value: 'pro' },
        { field: 'locale', operator: 'eq', value: 'vi' },
        { match: 'all', not: true, conditions: [{ field: 'list', operator: 'inList', value: excluded.id }] },
      ],
    };
    const counted = await plugin(strapi).service('segments').count(rules);
    const campaign = await seed.createCampaign(strapi, {
      name: 'bench-segment',
      subject: 'Hello',
      mjml: '<mjml><mj-body></mj-body></mjml>',
      html: '<p>hi</p>',
      entries: [],
      lists: [],
    });
    const outbox = plugin(strapi).service('outbox');
    const target = { id: campaign.id, provider: 'main' };

    /** Alternating runs, so neither side gets the warmer cache. */
    const segmentMs = [];
    const listMs = [];
    for (let i = 0; i < RUNS; i++) {
      for (const [times, lists, segments] of [
        [listMs, [sameAsList.id], []],
        [segmentMs, [], [rules]],
      ]) {
        await db(seed.T.deliveries).del();
        const t = now();
        const inserted = await outbox.materialize(target, lists, segments);
        times.push(now() - t);
        if (inserted !== AUDIENCE) throw new Error(`materialize inserted ${inserted} rows, expected ${AUDIENCE}`);
      }
    }
    const s = summary(segmentMs);
    const l = summary(listMs);
    return {
      client,
      audience: AUDIENCE,
      subscribers: AUDIENCE + 2 * EXTRA,
      seedMs: Math.round(seedMs),
      counted,
      segmentMs: s,
      baselines: { listMs: l },
      segmentOverList: round(s.median / l.median, 2),
      acceptance: {
        criterion: 'materialize a 100,000-person segment < 5 s',
        pass: counted === AUDIENCE && s.median < 5000,
      },
    };
  } finally {
    await app.stop();
  }
}

runChild(main);
