// Delivery rate: a 10,000-recipient campaign through the real pipeline (promote + materialize,
// claim, build, send through the pooled transport, record, finish: sender.run() until the
// campaign is sent) against raw nodemailer sending the same rendered HTML and text through a
// pool of the same size (maxConnections 5) to the same SMTP sink, in the same process and run.
const path = require('node:path');
const nodemailer = require('nodemailer');
const runChild = require('./lib/child');
const { bootStrapi, plugin } = require('./lib/strapi');
const { startSink } = require('./lib/sink');
const { loadComposer, newsletter } = require('./lib/composer');
const seed = require('./lib/seed');
const { round, now } = require('./lib/stats');
const { startProfile, summarizeProfile, inclusiveByPackage } = require('./lib/profiler');

const N = Number(process.env.BENCH_DELIVERY_COUNT ?? 10_000);
const WARMUP = 500;
const ROUNDS = Number(process.env.BENCH_DELIVERY_ROUNDS ?? 2);
const BATCH_SIZES = (process.env.BENCH_BATCH_SIZES ?? '100').split(',').map(Number);
const PROFILE = process.env.BENCH_PROFILE === '1';
const MAX_CONNECTIONS = 5;
// BENCH_VARIANT=base|<patch>[,<patch>...]: boot an esbuild build of server/src (with the patches
// applied) instead of dist/, to measure a suggested fix; `base` is that build without patches.
const VARIANT = process.env.BENCH_VARIANT;
// The brief's figure is on SQLite; BENCH_DELIVERY_DB=postgres runs the same on PostgreSQL.
const DB = process.env.BENCH_DELIVERY_DB ?? 'sqlite';

/** The pool options of server/src/services/sending/transport.ts for the bench provider. */
const poolOptions = (sink) => ({
  pool: true,
  host: sink.host,
  port: sink.port,
  secure: false,
  maxConnections: MAX_CONNECTIONS,
  maxMessages: 100,
  maxRequeues: 0,
  connectionTimeout: 30_000,
  greetingTimeout: 30_000,
  socketTimeout: 60_000,
  disableFileAccess: true,
  disableUrlAccess: true,
  logger: false,
});

/** CPU time of this process (user + system) per message since `since`: steadier than wall time on a busy machine. */
const cpuPerMessage = (since, messages) => {
  const { user, system } = process.cpuUsage(since);
  return round((user + system) / 1000 / messages, 3);
};

/** Times what the sender spends inside a few service methods (wall time, overlapping sends). */
function instrument(strapi) {
  const acc = {};
  const wrap = (serviceName, method) => {
    const svc = plugin(strapi).service(serviceName);
    const original = svc[method];
    const slot = (acc[`${serviceName}.${method}`] = { calls: 0, ms: 0 });
    svc[method] = async function (...args) {
      const t0 = now();
      try {
        return await original.apply(this, args);
      } finally {
        slot.calls += 1;
        slot.ms += now() - t0;
      }
    };
  };
  wrap('outbox', 'materialize');
  wrap('outbox', 'claim');
  wrap('campaign-messages', 'prepare');
  wrap('outbox', 'record');
  wrap('campaignStatus', 'finish');
  return {
    take() {
      const out = Object.fromEntries(
        Object.entries(acc).map(([k, v]) => [k, { calls: v.calls, ms: Math.round(v.ms) }]),
      );
      for (const v of Object.values(acc)) {
        v.calls = 0;
        v.ms = 0;
      }
      return out;
    },
  };
}

async function main() {
  const sink = await startSink();
  const variant = VARIANT
    ? require('./lib/variant').buildVariant(VARIANT === 'base' ? null : VARIANT.split(','))
    : null;
  const app = await bootStrapi({
    client: DB,
    smtp: sink,
    env: { EMAIL_CAMPAIGNS_BATCH_SIZE: String(BATCH_SIZES[0]) },
    appDir: variant?.appDir,
  });
  const { strapi } = app;
  try {
    const composer = loadComposer();
    const fixture = newsletter();

    // Audience: N subscribed people on one list, plus a small warm-up list.
    const list = await seed.createList(strapi, 'bench-delivery');
    const warmList = await seed.createList(strapi, 'bench-warmup');
    const [first, last] = await seed.insertSubscribers(strapi, N, { prefix: 'reader' });
    await seed.linkRange(strapi, list.id, first, last);
    await seed.linkRange(strapi, warmList.id, first, first + WARMUP - 1);

    let campaignNo = 0;
    const newCampaign = async (lists) => {
      campaignNo += 1;
      const fields = {
        id: campaignNo,
        name: `Week ${campaignNo}`,
        subject: fixture.subject,
        preheader: fixture.preheader,
      };
      const { html, errors } = await composer.compileCampaign({
        mjml: fixture.mjml,
        campaign: fields,
        entries: fixture.entries,
      });
      if (errors.length) throw new Error(JSON.stringify(errors));
      return seed.createCampaign(strapi, {
        name: fields.name,
        subject: fixture.subject,
        preheader: fixture.preheader,
        mjml: fixture.mjml,
        html,
        entries: fixture.entries,
        lists,
      });
    };

    // The raw baseline's message: what the pipeline builds for the first recipient.
    const probe = await newCampaign([list]);
    const links = plugin(strapi).service('links');
    const person = await strapi.db.connection(seed.T.subscribers).where('id', first).first();
    const rendered = composer.renderMessage(composer.prepareTemplate({ html: probe.html, subject: fixture.subject }), {
      subscriber: {
        ...JSON.parse(person.attributes),
        id: person.id,
        email: person.email,
        name: person.name,
        locale: person.locale,
        attributes: JSON.parse(person.attributes),
      },
      campaign: { id: probe.id, name: probe.name, subject: probe.subject, preheader: probe.preheader },
      unsubscribe_url: links.unsubscribeUrl(person.id, probe.id),
      preferences_url: links.preferencesUrl(person.id),
    });
    const listId = `bench-delivery.${links.mailDomain()}`;
    const rawMessage = (i) => {
      const { messageId, headers } = composer.buildCampaignHeaders({
        campaignId: probe.id,
        deliveryId: 1_000_000 + i,
        installationId: plugin(strapi).service('installation').id(),
        listId,
        unsubscribeUrl: links.unsubscribeUrl(person.id, probe.id),
        messageIdDomain: links.mailDomain(),
      });
      return {
        from: 'Demo News <news@example.test>',
        to: { name: `Person ${i}`, address: `raw-${i}@example.test` },
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        messageId,
        headers,
      };
    };

    const transport = nodemailer.createTransport(poolOptions(sink));
    const sendRaw = async (count) => {
      await sink.reset();
      const elu0 = performance.eventLoopUtilization();
      const cpu0 = process.cpuUsage();
      const t0 = now();
      const results = await Promise.allSettled(
        Array.from({ length: count }, (_, i) => transport.sendMail(rawMessage(i))),
      );
      const { count: received } = await sink.waitFor(count);
      const ms = now() - t0;
      const failed = results.filter((r) => r.status === 'rejected');
      if (failed.length) throw new Error(`raw nodemailer: ${failed.length} sends failed: ${failed[0].reason}`);
      return {
        messages: received,
        ms: Math.round(ms),
        perSecond: Math.round((received / ms) * 1000),
        cpuMsPerMessage: cpuPerMessage(cpu0, received),
        eventLoopUtilization: round(performance.eventLoopUtilization(elu0).utilization, 2),
      };
    };

    const timers = instrument(strapi);
    // Queries the pipeline issues, by their first word (select, insert, update, begin...).
    const queries = {};
    strapi.db.connection.on('query', (q) => {
      const verb = String(q.sql).trimStart().split(/\s/, 1)[0].toLowerCase();
      queries[verb] = (queries[verb] ?? 0) + 1;
    });
    const takeQueries = () => {
      const out = { ...queries };
      for (const k of Object.keys(queries)) delete queries[k];
      return out;
    };
    const sendPipeline = async (lists, expected, batchSize) => {
      strapi.config.set('plugin::email-campaigns.batchSize', batchSize);
      const campaign = await newCampaign(lists);
      await seed.schedule(strapi, campaign.id);
      await sink.reset();
      timers.take();
      takeQueries();
      const elu0 = performance.eventLoopUtilization();
      const cpu0 = process.cpuUsage();
      const t0 = now();
      await plugin(strapi).service('sender').run();
      const { count: received } = await sink.waitFor(expected, 60_000);
      const ms = now() - t0;
      const elu = performance.eventLoopUtilization(elu0).utilization;
      const cpuMsPerMessage = cpuPerMessage(cpu0, expected);
      const insideMs = timers.take();
      const queryCounts = takeQueries();
      const counts = await seed.deliveryCounts(strapi, campaign.id);
      const status = (await strapi.db.connection(seed.T.campaigns).where('id', campaign.id).first('status')).status;
      const withoutId = Number(
        (
          await strapi.db
            .connection(seed.T.deliveries)
            .where({ campaign_id: campaign.id, status: 'sent' })
            .whereNull('message_id')
            .count({ n: '*' })
            .first()
        ).n,
      );
      if (counts.sent !== expected || received !== expected || status !== 'sent' || withoutId > 0) {
        throw new Error(
          `pipeline: expected ${expected} sent, got ${JSON.stringify(counts)}, sink ${received}, campaign ${status}, ${withoutId} sent rows without a Message-ID`,
        );
      }
      return {
        messages: received,
        batchSize,
        ms: Math.round(ms),
        perSecond: Math.round((received / ms) * 1000),
        cpuMsPerMessage,
        eventLoopUtilization: round(elu, 2),
        insideMs,
        queries: queryCounts,
      };
    };

    // Warm-up: JIT, pool connections, the template cache path.
    await sendRaw(WARMUP);
    await sendPipeline([warmList], WARMUP, BATCH_SIZES[0]);

    const rounds = [];
    for (let r = 0; r < ROUNDS; r++) {
      const raw = await sendRaw(N);
      const pipeline = await sendPipeline([list], N, BATCH_SIZES[0]);
      rounds.push({
        raw,
        pipeline,
        ratio: round(pipeline.perSecond / raw.perSecond, 2),
        cpuRatio: round(raw.cpuMsPerMessage / pipeline.cpuMsPerMessage, 2),
      });
    }
    const batchSweep = [];
    for (const size of BATCH_SIZES.slice(1)) batchSweep.push(await sendPipeline([list], N, size));

    let profile;
    if (PROFILE) {
      const dir = path.join(__dirname, 'results', 'profiles');
      let p = startProfile();
      await p.started;
      const raw = await sendRaw(N);
      const rawProfile = await p.stop(path.join(dir, 'delivery-raw.cpuprofile'));
      p = startProfile();
      await p.started;
      const pipeline = await sendPipeline([list], N, BATCH_SIZES[0]);
      const pipeProfile = await p.stop(path.join(dir, 'delivery-pipeline.cpuprofile'));
      const inclusive = ['html-to-text', 'nodemailer', 'knex', 'liquidjs', 'plugin (dist/server)'];
      profile = {
        files: [
          'bench/results/profiles/delivery-raw.cpuprofile',
          'bench/results/profiles/delivery-pipeline.cpuprofile',
        ],
        raw: { run: raw, inclusiveMs: inclusiveByPackage(rawProfile, inclusive), ...summarizeProfile(rawProfile, 10) },
        pipeline: {
          run: pipeline,
          inclusiveMs: inclusiveByPackage(pipeProfile, inclusive),
          ...summarizeProfile(pipeProfile, 20),
        },
      };
    }
    transport.close();

    const best = (key) => Math.max(...rounds.map((r) => r[key].perSecond));
    const rawBest = best('raw');
    const pipeBest = best('pipeline');
    return {
      variant: VARIANT,
      database: DB,
      recipients: N,
      maxConnections: MAX_CONNECTIONS,
      message: { htmlBytes: Buffer.byteLength(rendered.html), textBytes: Buffer.byteLength(rendered.text) },
      rounds,
      batchSweep,
      rawPerSecond: rawBest,
      pipelinePerSecond: pipeBest,
      ratio: round(pipeBest / rawBest, 2),
      acceptance: {
        criterion: 'pipeline >= 0.8 x raw nodemailer (best round of each)',
        pass: pipeBest >= 0.8 * rawBest,
      },
      profile,
    };
  } finally {
    await app.stop();
    await sink.close();
    variant?.remove();
  }
}

runChild(main);
