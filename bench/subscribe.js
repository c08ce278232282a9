// Public subscribe under load: autocannon POSTs a new address per request to test/app on SQLite
// (rate limits raised for the run), with the sender kicked by every request and confirmation
// mails going to the SMTP sink. Measured twice: with SQLite as test/app configures it (rollback
// journal, a sync on every commit), then in WAL mode with synchronous=NORMAL, the usual setting
// for SQLite under concurrent writes. Baselines from the same process and run: Strapi's own
// health route (the HTTP stack alone), and a subscribe with the honeypot filled (routing,
// middlewares and validation, no database). autocannon runs in a process of its own, so the
// load generator takes no CPU from Strapi's event loop.
const { fork } = require('node:child_process');
const { loadavg } = require('node:os');
const autocannon = require('autocannon');
const runChild = require('./lib/child');
const { bootStrapi, plugin } = require('./lib/strapi');
const { startSink } = require('./lib/sink');
const { round } = require('./lib/stats');

const SECONDS = Number(process.env.BENCH_SUBSCRIBE_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_SUBSCRIBE_CONNECTIONS ?? 10);
const WARMUP_SECONDS = 2;

// The bodies a load run can send; the i-th request of a run gets a fresh address.
const BODIES = {
  none: () => null,
  subscribe: (prefix, list) => (i) => ({ email: `${prefix}-${i}@example.test`, name: `Reader ${i}`, lists: [list] }),
  honeypot: (prefix, list) => (i) => ({
    email: `${prefix}-${i}@example.test`,
    name: `Reader ${i}`,
    lists: [list],
    website: 'spam',
  }),
};

/** In the load process: one autocannon run, its result sent back to the parent. */
function loadClient({ url, method, path, body, prefix, list, seconds }) {
  const make = BODIES[body](prefix, list);
  let i = 0;
  autocannon(
    {
      url,
      connections: CONNECTIONS,
      duration: seconds,
      requests: [
        {
          method,
          path,
          headers: make ? { 'content-type': 'application/json' } : {},
          setupRequest: (request) => (make ? { ...request, body: JSON.stringify(make(++i)) } : request),
        },
      ],
    },
    (error, result) => {
      process.send(error ? { error: String(error) } : { result });
      process.exit(0);
    },
  );
}

/** One autocannon run in a child process. */
function load(url, { method = 'POST', path, body = 'none', prefix = '', list = '', seconds = SECONDS }) {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], { env: { ...process.env, BENCH_LOAD_CLIENT: '1' } });
    child.once('message', (message) => (message.error ? reject(new Error(message.error)) : resolve(message.result)));
    child.once('error', reject);
    child.send({ url, method, path, body, prefix, list, seconds });
  });
}

const figures = (result) => ({
  requestsPerSecond: round(result.requests.average, 0),
  latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
  total: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors + result.timeouts,
});

async function main() {
  const sink = await startSink();
  const { strapi, stop } = await bootStrapi({ smtp: sink });
  try {
    await strapi.server.listen();
    const url = `http://127.0.0.1:${strapi.server.httpServer.address().port}`;
    strapi.config.set('plugin::email-campaigns.rateLimit', {
      subscribePerIp: 1e9,
      subscribePerEmail: 1e9,
      pagesPerIp: 1e9,
    });
    const list = await plugin(strapi)
      .service('lists')
      .create({ name: 'Bench news', slug: 'bench-news', doubleOptIn: true, public: true });

    const path = '/api/email-campaigns/subscribe';
    // Lets the sender deliver every confirmation queued so far, so no run pays for the last one's backlog.
    const settle = async () => {
      const [{ n }] = await strapi.db
        .connection('email_campaigns_deliveries')
        .where('kind', 'confirmation')
        .count({ n: '*' });
      plugin(strapi).service('sender').kick();
      await sink.waitFor(Number(n), 300_000);
    };
    const measure = async (mode) => {
      await settle();
      const run = figures(await load(url, { path, body: 'subscribe', prefix: `reader-${mode}`, list: list.slug }));
      // Every accepted request left exactly one pending subscriber.
      const [{ n }] = await strapi.db
        .connection('email_campaigns_subscribers')
        .where('email', 'like', `reader-${mode}-%`)
        .count({ n: '*' });
      return { ...run, rowsWritten: Number(n) };
    };
    await load(url, { path, body: 'subscribe', prefix: 'warmup', list: list.slug, seconds: WARMUP_SECONDS });

    await settle();
    const health = figures(await load(url, { method: 'GET', path: '/_health' }));
    const honeypot = figures(await load(url, { path, body: 'honeypot', prefix: 'bot', list: list.slug }));
    const rollbackJournal = await measure('journal');
    await strapi.db.connection.raw('pragma journal_mode = WAL');
    await strapi.db.connection.raw('pragma synchronous = NORMAL');
    const wal = await measure('wal');
    await settle();

    const result = {
      database: 'sqlite',
      connections: CONNECTIONS,
      seconds: SECONDS,
      subscribe: { rollbackJournal, wal },
      baselines: { health, honeypotSubscribe: honeypot },
      // One confirmation mail per new address, all delivered to the sink.
      confirmationsSent: (await sink.count()).count,
      loadAverage: loadavg().map((x) => round(x, 1)),
    };
    for (const [mode, run] of Object.entries(result.subscribe)) {
      console.error(
        `subscribe (${mode}): ${run.requestsPerSecond} req/s, p99 ${run.latencyMs.p99} ms, ${run.rowsWritten} rows for ${run.total} requests`,
      );
    }
    console.error(
      `baselines: health ${health.requestsPerSecond} req/s, honeypot subscribe ${honeypot.requestsPerSecond} req/s; load average ${result.loadAverage.join(' ')}`,
    );
    return result;
  } finally {
    await plugin(strapi).service('sender').stop();
    await stop();
    await sink.close();
  }
}

// The same file is the load process too (see load()).
if (process.env.BENCH_LOAD_CLIENT) process.once('message', loadClient);
else runChild(main);
