// Series tick: the tick's series step (`seriesSteps.queueDue`) with 100,000 enrollments of which
// none is due (60% done, 10% stopped, 30% active with steps due in 1 to 7 days), and a whole
// `sender.tick()` with them, against the same idle tick before any enrollment existed (baseline,
// same process and database). Acceptance (#13): the series step under 5 ms (median).
const runChild = require('./lib/child');
const { bootStrapi, plugin } = require('./lib/strapi');
const { summary, timeRuns } = require('./lib/stats');

const ENROLLMENTS = Number(process.env.BENCH_SERIES_ENROLLMENTS ?? 100_000);
const TICKS = Number(process.env.BENCH_IDLE_TICKS ?? 200);
const SERIES = 'email_campaigns_series';
const ENROLLMENTS_TABLE = 'email_campaigns_series_enrollments';

async function main([client = 'sqlite']) {
  const app = await bootStrapi({ client });
  const { strapi } = app;
  const db = strapi.db.connection;
  try {
    const sender = plugin(strapi).service('sender');
    const seriesSteps = plugin(strapi).service('seriesSteps');
    // Warm-up (JIT, statement caches, the hourly purge out of the way), as long as the measured runs.
    for (let i = 0; i < TICKS; i++) await sender.tick();
    const baselineMs = await timeRuns(() => sender.tick(), { times: TICKS });

    const now = new Date();
    const [{ id: seriesId } = {}] = await db(SERIES)
      .insert(
        {
          name: 'bench-series',
          list_id: 1,
          trigger: 'joined',
          paused: false,
          steps: JSON.stringify([
            { campaignId: 1, delayMinutes: 0 },
            { campaignId: 2, delayMinutes: 2 * 1440 },
            { campaignId: 3, delayMinutes: 7 * 1440 },
          ]),
          created_at: now,
          updated_at: now,
        },
        ['id'],
      )
      .then((rows) => rows.map((r) => (typeof r === 'object' ? r : { id: r })));
    await db.transaction(async (trx) => {
      for (let start = 0; start < ENROLLMENTS; start += 500) {
        const rows = [];
        for (let k = start; k < Math.min(ENROLLMENTS, start + 500); k++) {
          const kind = k % 10; // 0-5 done, 6 stopped, 7-9 active and not due
          const enrolledAt = new Date(now.getTime() - (k % 7) * 86_400_000);
          rows.push({
            series_id: seriesId,
            subscriber_id: k + 1,
            enrolled_at: enrolledAt,
            next_step: kind <= 5 ? 2 : 1,
            next_due_at: kind <= 6 ? null : new Date(now.getTime() + (1 + (k % 7)) * 86_400_000),
            state: kind <= 5 ? 'done' : kind === 6 ? 'stopped' : 'active',
            created_at: enrolledAt,
            updated_at: enrolledAt,
          });
        }
        await trx(ENROLLMENTS_TABLE).insert(rows);
      }
    });
    if (client === 'postgres') await db.raw('analyze');

    for (let i = 0; i < 20; i++) await seriesSteps.queueDue(new Date());
    const stepMs = await timeRuns(
      async () => {
        if (await seriesSteps.queueDue(new Date())) throw new Error('the series step found work');
      },
      { times: TICKS },
    );
    const tickMs = await timeRuns(() => sender.tick(), { times: TICKS });
    const plan =
      client === 'postgres'
        ? (
            await db.raw(
              `explain select e.id from ${ENROLLMENTS_TABLE} e join ${SERIES} r on r.id = e.series_id
               where e.state = 'active' and e.next_due_at <= ? and r.paused = false limit 500`,
              [new Date()],
            )
          ).rows.map((r) => r['QUERY PLAN'])
        : (
            await db.raw(
              `explain query plan select e.id from ${ENROLLMENTS_TABLE} e join ${SERIES} r on r.id = e.series_id
               where e.state = 'active' and e.next_due_at <= ? and r.paused = 0 limit 500`,
              [Date.now()],
            )
          ).map((r) => r.detail);

    const step = summary(stepMs);
    return {
      client,
      enrollments: ENROLLMENTS,
      seriesStepMs: step,
      tickWithSeriesMs: summary(tickMs),
      baseline: { idleTickMs: summary(baselineMs) },
      plan,
      acceptance: {
        criterion: 'series step < 5 ms (median) with 100,000 enrollments, none due',
        pass: step.median < 5,
      },
    };
  } finally {
    await app.stop();
  }
}

runChild(main);
