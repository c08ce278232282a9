// Engagement report: `engagementReport.report()` of a campaign of 100,000 messages sent holding
// 1,000,000 open and click events (people and machines, 10 links, spread over 48 hours), and the
// campaigns list (`campaigns.findMany`, its page's rates), against the floor of the same run:
// `SELECT COUNT(*)` of the campaign's events, the index scan every figure needs at least. The
// report is grouped queries only (docs/architecture.md, "Engagement", Report): its time should be a
// small multiple of the floor, whatever the number of events.
const runChild = require('./lib/child');
const { bootStrapi, plugin } = require('./lib/strapi');
const { summary, timeRuns, now, round } = require('./lib/stats');

const SENT = Number(process.env.BENCH_ENGAGEMENT_SENT ?? 100_000);
const EVENTS = Number(process.env.BENCH_ENGAGEMENT_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_ENGAGEMENT_RUNS ?? 5);
const LINKS = 10;
const CHUNK = 500;
const T = {
  campaigns: 'email_campaigns_campaigns',
  deliveries: 'email_campaigns_deliveries',
  links: 'email_campaigns_campaign_links',
  events: 'email_campaigns_delivery_events',
};

async function insertChunks(db, table, count, row) {
  await db.transaction(async (trx) => {
    for (let start = 0; start < count; start += CHUNK) {
      const rows = [];
      for (let i = start; i < Math.min(count, start + CHUNK); i++) rows.push(row(i));
      await trx(table).insert(rows);
    }
  });
}

async function main([client = 'sqlite']) {
  const app = await bootStrapi({ client, env: { EMAIL_CAMPAIGNS_TRACKING: JSON.stringify({ enabled: true }) } });
  const { strapi } = app;
  const db = strapi.db.connection;
  try {
    const t0 = now();
    const sentAt = new Date(Date.now() - 48 * 3_600_000);
    const campaign = await strapi.db.query('plugin::email-campaigns.campaign').create({
      data: { name: 'bench-engagement', subject: 'Hello', status: 'sent', tracking: { mode: 'people' } },
    });
    const stamps = { created_at: sentAt, updated_at: sentAt };
    await insertChunks(db, T.deliveries, SENT, (i) => ({
      kind: 'campaign',
      campaign_id: campaign.id,
      email: `reader-${i}@example.test`,
      provider: 'main',
      status: 'sent',
      attempts: 1,
      sent_at: sentAt,
      ...stamps,
    }));
    const firstDelivery = Number(
      (await db(T.deliveries).where('campaign_id', campaign.id).min({ id: 'id' }).first()).id,
    );
    await insertChunks(db, T.links, LINKS, (i) => ({
      document_id: `bench-link-${i}`,
      campaign_id: campaign.id,
      url: `https://example.test/article-${i}`,
      url_hash: `bench-hash-${i}`,
      position: i,
      ...stamps,
    }));
    const firstLink = Number((await db(T.links).where('campaign_id', campaign.id).min({ id: 'id' }).first()).id);
    // 60% opens, 40% clicks; one in ten a machine's; a person's events repeat (uniques < totals).
    await insertChunks(db, T.events, EVENTS, (i) => {
      const click = i % 5 >= 3;
      return {
        campaign_id: campaign.id,
        delivery_id: firstDelivery + ((i * 7919) % Math.floor(SENT * 0.6)),
        link_id: click ? firstLink + (i % LINKS) : null,
        kind: click ? 'click' : 'open',
        machine: i % 10 === 0,
        source: 'tracking',
        external_id: `bench-${i}`,
        occurred_at: new Date(sentAt.getTime() + (i % 48) * 3_600_000 + (i % 3600) * 1000),
        ...stamps,
      };
    });
    if (client === 'postgres') await db.raw('analyze');
    const seedMs = now() - t0;

    const report = () => plugin(strapi).service('engagementReport').report(campaign.id);
    const list = () => plugin(strapi).service('campaigns').findMany({ page: 1, pageSize: 20 });
    const floor = () =>
      db(T.events).where('campaign_id', campaign.id).whereIn('kind', ['open', 'click']).count({ n: '*' });
    const floorMs = await timeRuns(floor, { times: RUNS, warmup: 1 });
    const reportMs = await timeRuns(report, { times: RUNS, warmup: 1 });
    const listMs = await timeRuns(list, { times: RUNS, warmup: 1 });
    const shown = await report();
    if (shown.opens.total + shown.opens.machine + shown.clicks.total + shown.clicks.machine !== EVENTS) {
      throw new Error(`the report counted ${JSON.stringify([shown.opens, shown.clicks])}, not ${EVENTS} events`);
    }
    return {
      client,
      sent: SENT,
      events: EVENTS,
      seedMs: round(seedMs, 0),
      reportMs: summary(reportMs),
      listMs: summary(listMs),
      baseline: { countEventsMs: summary(floorMs) },
      figures: { opens: shown.opens, clicks: shown.clicks, hours: shown.timeline.length, links: shown.links.length },
    };
  } finally {
    await app.stop();
  }
}

runChild(main);
