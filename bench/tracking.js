// Tracking hits under load (issue #14): autocannon follows tracked links on test/app on SQLite (WAL,
// as test/app configures it), tracking on, the per-IP limit raised for the run. 10 connections for
// 10 s on `GET /api/email-campaigns/l/<token>`, cycling through BENCH_TRACKING_TOKENS valid tokens
// (a delivery each, over 8 campaigns of 4 links, sent a day ago: people's clicks, no burst), next to
// Strapi's own `GET /_health` in the same run (the HTTP stack alone). Then the hit buffer is flushed
// and the click rows counted: every 3xx the server sent must be one row, none lost, none twice.
// autocannon runs in a process of its own, so the load generator takes no CPU from Strapi.
// Acceptance: >= 1,000 redirects/s, p99 < 50 ms, rows written = redirects answered.
const { fork } = require('node:child_process');
const { loadavg } = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');
const runChild = require('./lib/child');
const { bootStrapi, plugin } = require('./lib/strapi');
const { round } = require('./lib/stats');
const { loadTypeScript } = require('./lib/typescript');

const SECONDS = Number(process.env.BENCH_TRACKING_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_TRACKING_CONNECTIONS ?? 10);
const TOKENS = Number(process.env.BENCH_TRACKING_TOKENS ?? 10_000);
const WARMUP_SECONDS = 2;
const CAMPAIGNS = 8;
const LINKS_PER_CAMPAIGN = 4;
const BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

/** In the load process: one autocannon run over the paths, in turn; its result sent back to the parent. */
function loadClient({ url, paths, seconds }) {
  let i = 0;
  autocannon(
    {
      url,
      connections: CONNECTIONS,
      duration: seconds,
      headers: { 'user-agent': BROWSER },
      requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[i++ % paths.length] }) }],
    },
    (error, result) => {
      process.send(error ? { error: String(error) } : { result });
      process.exit(0);
    },
  );
}

function load(url, paths, seconds = SECONDS) {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], { env: { ...process.env, BENCH_LOAD_CLIENT: '1' } });
    child.once('message', (message) => (message.error ? reject(new Error(message.error)) : resolve(message.result)));
    child.once('error', reject);
    child.send({ url, paths, seconds });
  });
}

const figures = (result) => ({
  requestsPerSecond: round(result.requests.average, 0),
  latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
  total: result.requests.total,
  answered2xx3xx: result['2xx'] + result['3xx'],
  non2xx3xx: result['4xx'] + result['5xx'],
  errors: result.errors + result.timeouts,
});

async function main() {
  const { signTrackingToken } = loadTypeScript(path.join(__dirname, '..', 'server/src/services/tracking/tokens.ts'));
  const { strapi, stop } = await bootStrapi({
    env: { EMAIL_CAMPAIGNS_TRACKING: JSON.stringify({ enabled: true, hitsPerIpPerMinute: 1e9 }) },
  });
  try {
    await strapi.server.listen();
    const url = `http://127.0.0.1:${strapi.server.httpServer.address().port}`;
    const links = [];
    for (let campaignId = 1; campaignId <= CAMPAIGNS; campaignId++) {
      for (let position = 0; position < LINKS_PER_CAMPAIGN; position++) {
        const row = await strapi.db.query('plugin::email-campaigns.campaign-link').create({
          data: {
            campaignId,
            url: `https://example.test/c${campaignId}/l${position}`,
            urlHash: `b${campaignId}-${position}`,
            position,
          },
        });
        links.push({ id: row.id, campaignId });
      }
    }
    const secret = process.env.EMAIL_CAMPAIGNS_SECRET;
    const sentAt = Math.floor(Date.now() / 1000) - 86_400;
    const paths = Array.from({ length: TOKENS }, (_, i) => {
      const link = links[i % links.length];
      const token = signTrackingToken(secret, {
        kind: 'click',
        campaignId: link.campaignId,
        deliveryId: i + 1,
        subscriberId: i + 1,
        linkId: link.id,
        sentAt,
        mode: 'people',
      });
      return `/api/email-campaigns/l/${token}`;
    });

    // Redirects the server finished sending, counted at the socket: what the client saw at the
    // end of the run may miss a few still in flight.
    let redirectsSent = 0;
    strapi.server.httpServer.on('request', (req, res) =>
      res.on('finish', () => {
        if (res.statusCode === 302) redirectsSent += 1;
      }),
    );
    const clickRows = async () => {
      await plugin(strapi).service('hitBuffer').flush();
      const [{ n }] = await strapi.db
        .connection('email_campaigns_delivery_events')
        .where({ source: 'tracking', kind: 'click' })
        .count({ n: '*' });
      return Number(n);
    };

    await load(url, paths, WARMUP_SECONDS);
    const health = figures(await load(url, ['/_health']));
    const rowsBefore = await clickRows();
    const sentBefore = redirectsSent;
    const clicks = figures(await load(url, paths));
    // Let the last answers finish, then write what is buffered.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rowsWritten = (await clickRows()) - rowsBefore;
    const redirects = redirectsSent - sentBefore;
    const { dropped } = plugin(strapi).service('hitBuffer').stats();

    const acceptance = {
      redirectsPerSecond: clicks.requestsPerSecond >= 1000,
      p99: clicks.latencyMs.p99 < 50,
      noHitLost: rowsWritten === redirects && clicks.answered2xx3xx <= redirects && clicks.non2xx3xx === 0,
    };
    const result = {
      database: 'sqlite (WAL)',
      connections: CONNECTIONS,
      seconds: SECONDS,
      tokens: TOKENS,
      clicks: { ...clicks, redirectsSent: redirects, rowsWritten, dropped },
      baselines: { health },
      acceptance: { ...acceptance, pass: Object.values(acceptance).every(Boolean) },
      loadAverage: loadavg().map((x) => round(x, 1)),
    };
    console.error(
      `clicks: ${clicks.requestsPerSecond} redirects/s, p99 ${clicks.latencyMs.p99} ms, ${rowsWritten} rows for ${redirects} redirects sent (${clicks.answered2xx3xx} seen by the client); health ${health.requestsPerSecond} req/s; load average ${result.loadAverage.join(' ')}`,
    );
    return result;
  } finally {
    await stop();
  }
}

// The same file is the load process too (see load()).
if (process.env.BENCH_LOAD_CLIENT) process.once('message', loadClient);
else runChild(main);
