// Webhook intake (issue #9): 1,000 provider events posted to test/app on SQLite, per provider
// type: SendGrid as one batch of 1,000 events in one request; SES (through SNS), Mailgun,
// Postmark and Brevo as 1,000 requests of one event each, CONCURRENCY at a time over keep-alive
// connections. The time runs from the first request to the last answer, and an answer comes
// once its events are committed, so it is the time for 1,000 events to be recorded. Baseline in
// the same run: the same requests without their signature or credentials, refused with 401
// before anything is parsed, which is what Strapi and HTTP cost alone.
//
// The events, signatures and deliveries come from the integration tests' own helpers
// (test/helpers/feedback-events.ts, webhook-signing.ts), the requests go out through
// test/helpers/http-burst.ts in a process of its own, so the client takes no CPU from Strapi's
// event loop (on two cores it has the other one, as a provider's servers would be elsewhere).
const { fork } = require('node:child_process');
const { loadavg } = require('node:os');
const path = require('node:path');
const runChild = require('./lib/child');
const { bootStrapi, plugin, ROOT } = require('./lib/strapi');
const { loadTypeScript } = require('./lib/typescript');
const { startProfile, summarizeProfile } = require('./lib/profiler');
const { median, round, now } = require('./lib/stats');

const TYPES = ['sendgrid', 'ses', 'mailgun', 'postmark', 'brevo'];
const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 1000);
const ROUNDS = Number(process.env.BENCH_WEBHOOK_ROUNDS ?? 3);
const WARMUP_EVENTS = 200;
// Requests in flight at once: a provider's burst comes over a handful to a few dozen parallel
// connections; 16 is what the integration suite's burst uses, so the two figures compare. Fewer
// make smaller coalesced writes (more commits per event), more make larger ones.
const CONCURRENCY = Number(process.env.BENCH_WEBHOOK_CONCURRENCY ?? 16);
const LIMIT_MS = 2000;
const PROFILE = process.env.BENCH_PROFILE === '1';

const helper = (name) => path.join(ROOT, 'test', 'helpers', name);

/** In the load process: bursts asked for by the parent, timed here, away from IPC. */
function loadClient() {
  const { burst } = loadTypeScript(helper('http-burst.ts'));
  process.on('message', async ({ url, requests, concurrency }) => {
    try {
      const started = now();
      const answers = await burst(url, requests, concurrency);
      const ms = now() - started;
      const statuses = {};
      let recorded = 0;
      for (const answer of answers) {
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        if (answer.status === 200) recorded += JSON.parse(answer.body).data.recorded;
      }
      process.send({ ms, statuses, recorded });
    } catch (error) {
      process.send({ error: String(error) });
    }
  });
}

/** The load process, and a burst through it. */
function startClient() {
  const child = fork(__filename, [], { env: { ...process.env, BENCH_LOAD_CLIENT: '1' } });
  return {
    burst: (url, requests) =>
      new Promise((resolve, reject) => {
        child.once('message', (m) => (m.error ? reject(new Error(m.error)) : resolve(m)));
        child.send({ url, requests, concurrency: CONCURRENCY });
      }),
    stop: () => child.kill(),
  };
}

/** A copy of a request without its signature or credentials (as the integration suite makes it). */
async function main() {
  const helpers = loadTypeScript(helper('feedback-events.ts'), helper('webhook-signing.ts'), helper('strapi.ts'));
  const { sentDeliveries, webhookBurst, unsignedCopy, feedbackConfig, snsIdentity, baseEnv } = helpers;
  const { strapi, stop } = await bootStrapi({
    env: {
      // The helpers sign delivery references with the tests' secret.
      EMAIL_CAMPAIGNS_SECRET: baseEnv().EMAIL_CAMPAIGNS_SECRET,
      EMAIL_CAMPAIGNS_FEEDBACK: JSON.stringify(feedbackConfig()),
    },
  });
  const client = startClient();
  try {
    await strapi.server.listen();
    const url = `http://127.0.0.1:${strapi.server.httpServer.address().port}`;
    // Functions cannot travel through the env JSON: the SNS certificate is served locally.
    const certificate = snsIdentity().certificate;
    strapi.config.set('plugin::email-campaigns.feedback.webhooks.ses.certificateSource', async () => certificate);

    /**
     * One measured burst of `count` fresh events of `type`, and its unsigned copy before it.
     * `profileTo`: a file for a CPU profile of the signed burst alone.
     */
    const measure = async (type, count, profileTo) => {
      const deliveries = await sentDeliveries(strapi, count);
      const requests = webhookBurst(type, deliveries);
      const refused = await client.burst(
        url,
        requests.map((request) => unsignedCopy(type, request)),
      );
      if (refused.statuses[401] !== requests.length)
        throw new Error(`${type}: unsigned copies answered ${JSON.stringify(refused.statuses)}, not 401 each`);
      const profiler = profileTo ? startProfile() : null;
      await profiler?.started;
      const signed = await client.burst(url, requests);
      const profile = profiler ? summarizeProfile(await profiler.stop(profileTo), 12) : undefined;
      if (signed.statuses[200] !== requests.length || signed.recorded !== count)
        throw new Error(`${type}: ${JSON.stringify(signed.statuses)}, ${signed.recorded} of ${count} recorded`);
      // Every event is in the database, each once.
      const [{ n }] = await strapi.db
        .connection('email_campaigns_delivery_events')
        .whereIn(
          'delivery_id',
          deliveries.map((d) => d.id),
        )
        .count({ n: '*' });
      if (Number(n) !== count) throw new Error(`${type}: ${n} delivery events stored for ${count} events`);
      return { requests: requests.length, totalMs: round(signed.ms, 1), baselineMs: round(refused.ms, 1), profile };
    };

    for (const type of TYPES) await measure(type, WARMUP_EVENTS);
    const byType = {};
    const profiles = {};
    for (const type of TYPES) {
      const rounds = [];
      for (let r = 0; r < ROUNDS; r++) {
        // The last round is profiled: the bench has warmed up by then.
        const file = path.join(__dirname, 'results', 'profiles', `webhooks-${type}.cpuprofile`);
        const { profile, ...round } = await measure(type, EVENTS, PROFILE && r === ROUNDS - 1 ? file : null);
        rounds.push(round);
        if (profile) profiles[type] = { ...profile, file: path.relative(ROOT, file) };
      }
      const totalMs = round(median(rounds.map((x) => x.totalMs)), 0);
      const baselineMs = round(median(rounds.map((x) => x.baselineMs)), 0);
      byType[type] = {
        requests: rounds[0].requests,
        totalMs,
        baselineMs,
        processingMs: totalMs - baselineMs,
        eventsPerSecond: round((EVENTS / totalMs) * 1000, 0),
        rounds,
        acceptance: { limitMs: LIMIT_MS, pass: totalMs < LIMIT_MS },
      };
      console.error(
        `webhooks ${type}: ${EVENTS} events in ${rounds[0].requests} requests: ${totalMs} ms (baseline ${baselineMs} ms)`,
      );
    }
    return {
      database: 'sqlite',
      events: EVENTS,
      rounds: ROUNDS,
      concurrency: CONCURRENCY,
      byType,
      acceptance: { limitMs: LIMIT_MS, pass: Object.values(byType).every((t) => t.acceptance.pass) },
      ...(PROFILE ? { profiles } : {}),
      loadAverage: loadavg().map((x) => round(x, 1)),
    };
  } finally {
    client.stop();
    await plugin(strapi).service('sender').stop();
    await stop();
  }
}

// The same file is the load process too (see startClient()).
if (process.env.BENCH_LOAD_CLIENT) loadClient();
else runChild(main);
