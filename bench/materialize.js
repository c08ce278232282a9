// Materialize: outbox.materialize() of a 100,000-subscriber audience (two overlapping lists and
// some unsubscribed people, so the distinct/subscribed filter does real work), against two
// baselines on the same rows in the same run:
//  - floor:  SELECT count(*) of the very audience query: what the database needs just to find
//            the rows, with nothing written;
//  - naive:  the rows read into JS and inserted back in batches of 500 with knex (what a
//            non-set-based implementation does).
const runChild = require('./lib/child');
const { bootStrapi, plugin } = require('./lib/strapi');
const seed = require('./lib/seed');
const { summary, timeRuns, now, round } = require('./lib/stats');

const AUDIENCE = Number(process.env.BENCH_AUDIENCE ?? 100_000);
const RUNS = Number(process.env.BENCH_MATERIALIZE_RUNS ?? 3);

async function main([client = 'sqlite']) {
  const app = await bootStrapi({ client });
  const { strapi } = app;
  const db = strapi.db.connection;
  try {
    // 105% of the audience: A = the first 70%, B = from 50% to the end (20% in both),
    // and the last 5% unsubscribed, so distinct subscribed members of A or B = AUDIENCE.
    const t0 = now();
    const listA = await seed.createList(strapi, 'bench-a');
    const listB = await seed.createList(strapi, 'bench-b');
    const [first, last] = await seed.insertSubscribers(strapi, AUDIENCE, { prefix: 'member' });
    const [ufirst, ulast] = await seed.insertSubscribers(strapi, AUDIENCE / 20, {
      prefix: 'gone',
      status: 'unsubscribed',
    });
    await seed.linkRange(strapi, listA.id, first, first + AUDIENCE * 0.7 - 1);
    await seed.linkRange(strapi, listB.id, first + AUDIENCE * 0.5, last);
    await seed.linkRange(strapi, listB.id, ufirst, ulast);
    if (client === 'postgres') await db.raw('analyze');
    const seedMs = now() - t0;

    const campaign = await seed.createCampaign(strapi, {
      name: 'bench-materialize',
      subject: 'Hello',
      mjml: '<mjml><mj-body></mj-body></mjml>',
      html: '<p>hi</p>',
      entries: [],
      lists: [listA, listB],
    });
    const lists = [listA.id, listB.id];
    const outbox = plugin(strapi).service('outbox');
    const clear = () => db(seed.T.deliveries).del();

    // Floor: count the same audience (same predicate as outbox.ts, whole table at once).
    const audienceSql = `from ${seed.T.subscribers} s where s.status = 'subscribed'
      and exists (select 1 from ${seed.T.subscriberLists} l where l.subscriber_id = s.id and l.list_id in (?, ?))`;
    let counted;
    const countMs = await timeRuns(
      async () => {
        const [row] = await db
          .raw(`select count(*) as n ${audienceSql}`, lists)
          .then((r) => (Array.isArray(r) ? r : r.rows));
        counted = Number(row.n);
      },
      { times: RUNS, warmup: 1 },
    );

    // The plugin: set-based INSERT ... SELECT in subscriber-id chunks.
    const materializeMs = [];
    let inserted;
    for (let i = 0; i < RUNS; i++) {
      await clear();
      const t = now();
      inserted = await outbox.materialize({ id: campaign.id, provider: 'main' }, lists);
      materializeMs.push(now() - t);
      if (inserted !== AUDIENCE) throw new Error(`materialize inserted ${inserted} rows, expected ${AUDIENCE}`);
    }
    const stored = Number((await db(seed.T.deliveries).count({ n: '*' }).first()).n);
    const t1 = now();
    const again = await outbox.materialize({ id: campaign.id, provider: 'main' }, lists);
    const idempotentMs = now() - t1;

    // Naive: read the audience into JS, insert it back in batches of 500.
    const naiveMs = [];
    {
      await clear();
      const t = now();
      const rows = await db
        .raw(`select s.id, s.email ${audienceSql} order by s.id`, lists)
        .then((r) => (Array.isArray(r) ? r : r.rows));
      const at = new Date();
      for (let i = 0; i < rows.length; i += 500) {
        await db(seed.T.deliveries).insert(
          rows.slice(i, i + 500).map((r) => ({
            kind: 'campaign',
            campaign_id: campaign.id,
            subscriber_id: r.id,
            email: r.email,
            provider: 'main',
            status: 'queued',
            attempts: 0,
            created_at: at,
            updated_at: at,
          })),
        );
      }
      naiveMs.push(now() - t);
    }

    const m = summary(materializeMs);
    return {
      client,
      audience: AUDIENCE,
      subscribers: AUDIENCE + AUDIENCE / 20,
      seedMs: Math.round(seedMs),
      counted,
      inserted,
      stored,
      idempotentRerun: { inserted: again, ms: Math.round(idempotentMs) },
      materializeMs: m,
      baselines: { countMs: summary(countMs), naiveJsInsertMs: summary(naiveMs) },
      overFloor: round(m.median / summary(countMs).median, 1),
      naiveOverPlugin: round(summary(naiveMs).median / m.median, 1),
      acceptance: { criterion: 'materialize 100,000 < 5 s', pass: inserted === AUDIENCE && m.median < 5000 },
    };
  } finally {
    await app.stop();
  }
}

runChild(main);
