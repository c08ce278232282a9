/**
 * Tracking hits through a real Strapi (issue #14; docs/architecture.md, "Engagement"): the click
 * and open routes, machine classification, the in-memory per-IP limit and the hit buffer. Link
 * rows are written and tokens signed here with the test app's secret, as the sender would.
 * Behind a trusted proxy (`PROXY`), so a test names its client in X-Forwarded-For.
 * Runs on PostgreSQL (SQLite when PostgreSQL is not running, outside CI).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { TABLES, UID } from '../../server/src/constants';
import { signTrackingToken, type TrackingToken } from '../../server/src/services/tracking/tokens';
import { unavailableReason } from '../helpers/database';
import { waitUntil } from '../helpers/outbox-fixtures';
import { baseEnv, bootStrapi, type TestStrapi } from '../helpers/strapi';

const PUBLIC = '/api/email-campaigns';
const SECRET = baseEnv().EMAIL_CAMPAIGNS_SECRET;
const BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
// Safe Links and similar gateways fetch with a browser's agent: only the timing gives them away.
const SCANNER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0 Safari/537.36';
const APPLE_PROXY = 'Mozilla/5.0';
const APPLE_MAIL = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';
const TRACKING = { enabled: true, flushIntervalMs: 100, hitsPerIpPerMinute: 100_000 };

const postgresMissing = await unavailableReason('postgres');
if (postgresMissing && process.env.CI) throw new Error(`CI needs postgres: ${postgresMissing}`);

interface EventRow {
  kind: string;
  campaign_id: number;
  link_id: number | null;
  delivery_id: number | null;
  subscriber_id: number | null;
  machine: boolean | number;
  source: string;
  external_id: string;
}

describe(`tracking hits (${postgresMissing ? 'sqlite' : 'postgres'})`, () => {
  let app: TestStrapi;
  let db: Knex;
  let nextCampaign = 1000;
  let nextDelivery = 5000;
  let nextClient = 1;

  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const tracking = (key: keyof typeof TRACKING | string, value: unknown) =>
    app.strapi.config.set(`plugin::email-campaigns.tracking.${key}`, value);
  const buffer = () => app.strapi.plugin('email-campaigns').service('hitBuffer');

  /** A campaign id of its own and its link rows (the sender writes them at compile time). */
  async function campaignWithLinks(urls: string[]) {
    const campaignId = ++nextCampaign;
    const linkIds: number[] = [];
    for (const [position, url] of urls.entries()) {
      const row = await app.strapi.db
        .query(UID.campaignLink)
        .create({ data: { campaignId, url, urlHash: `h${campaignId}-${position}`, position } });
      linkIds.push(Number(row.id));
    }
    return { campaignId, linkIds };
  }

  /** A token as the sender signs it; by default a person's message sent an hour ago. */
  function token(fields: Partial<TrackingToken> & Pick<TrackingToken, 'kind' | 'campaignId'>): string {
    return signTrackingToken(SECRET, {
      deliveryId: ++nextDelivery,
      subscriberId: nextDelivery + 1_000_000,
      sentAt: nowSeconds() - 3600,
      mode: 'people',
      ...fields,
    });
  }

  const hit = (path: string, { agent = BROWSER, method = 'GET', client = '203.0.113.1' } = {}) =>
    app.request(`${PUBLIC}${path}`, {
      method,
      redirect: 'manual',
      headers: { 'user-agent': agent, 'x-forwarded-for': client },
    });

  const events = (campaignId: number): Promise<EventRow[]> =>
    db(TABLES.deliveryEvents).where({ campaign_id: campaignId }).orderBy('id');

  const machineOf = (row: EventRow) => Boolean(row.machine);

  beforeAll(async () => {
    app = await bootStrapi({
      db: postgresMissing ? 'sqlite' : 'postgres',
      env: { PROXY: 'true', EMAIL_CAMPAIGNS_TRACKING: JSON.stringify(TRACKING) },
    });
    db = app.strapi.db.connection as unknown as Knex;
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('following a link redirects (302) to exactly the stored URL', async () => {
    const url = 'https://example.test/Spring sale/é?utm_source=news&ref=a%2Fb#top';
    const { campaignId, linkIds } = await campaignWithLinks([url, 'https://example.test/other']);
    const clickToken = token({ kind: 'click', campaignId, linkId: linkIds[0] });

    const res = await hit(`/l/${clickToken}`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(url);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    // The second link of the same campaign leads to its own URL.
    const other = await hit(`/l/${token({ kind: 'click', campaignId, linkId: linkIds[1] })}`);
    expect(other.headers.get('location')).toBe('https://example.test/other');

    await buffer().flush();
    const rows = await events(campaignId);
    expect(rows.map((row) => [row.kind, Number(row.link_id), row.source, machineOf(row)])).toEqual([
      ['click', linkIds[0], 'tracking', false],
      ['click', linkIds[1], 'tracking', false],
    ]);
  });

  it("a token for another campaign's link, an altered token, or a raw URL in the query answers 404 with no redirect", async () => {
    const mine = await campaignWithLinks(['https://example.test/mine']);
    const theirs = await campaignWithLinks(['https://example.test/theirs']);
    const good = token({ kind: 'click', campaignId: mine.campaignId, linkId: mine.linkIds[0] });
    const [body, signature] = good.split('.');
    const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);

    const refused = [
      // A good signature, but the link is another campaign's.
      `/l/${token({ kind: 'click', campaignId: mine.campaignId, linkId: theirs.linkIds[0] })}`,
      `/l/${flip(body, 3)}.${signature}`,
      `/l/${body}.${flip(signature, 5)}`,
      `/l/${good}?url=https://evil.test/`,
      `/l/https%3A%2F%2Fevil.test%2F`,
      // An open's token is no click's, and a link that does not exist.
      `/l/${token({ kind: 'open', campaignId: mine.campaignId })}`,
      `/l/${token({ kind: 'click', campaignId: mine.campaignId, linkId: 987_654 })}`,
      `/o/${flip(token({ kind: 'open', campaignId: mine.campaignId }), 4)}`,
      `/o/${token({ kind: 'open', campaignId: mine.campaignId })}?u=1`,
    ];
    for (const path of refused) {
      const res = await hit(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('location'), path).toBeNull();
      expect(res.headers.get('content-type'), path).toMatch(/^text\/plain/);
      expect((await res.text()).length, path).toBeLessThan(40);
    }
    await buffer().flush();
    expect(await events(mine.campaignId)).toEqual([]);
  });

  it('an open answers a 43-byte transparent GIF from memory that no cache may keep', async () => {
    const { campaignId } = await campaignWithLinks([]);
    const res = await hit(`/o/${token({ kind: 'open', campaignId })}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/gif');
    expect(res.headers.get('cache-control')).toBe('no-store, no-cache, must-revalidate, private, max-age=0');
    expect(res.headers.get('pragma')).toBe('no-cache');
    expect(res.headers.get('expires')).toBe('0');
    const gif = Buffer.from(await res.arrayBuffer());
    expect(gif.length).toBe(43);
    expect(gif.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    await buffer().flush();
    expect((await events(campaignId)).map((row) => [row.kind, machineOf(row)])).toEqual([['open', false]]);
  });

  it('HEAD on a link or the pixel answers like GET and counts as a machine', async () => {
    const { campaignId, linkIds } = await campaignWithLinks(['https://example.test/head']);
    const click = await hit(`/l/${token({ kind: 'click', campaignId, linkId: linkIds[0] })}`, { method: 'HEAD' });
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe('https://example.test/head');
    const open = await hit(`/o/${token({ kind: 'open', campaignId })}`, { method: 'HEAD' });
    expect(open.status).toBe(200);
    expect(open.headers.get('content-type')).toBe('image/gif');
    await buffer().flush();
    expect((await events(campaignId)).map((row) => [row.kind, machineOf(row)])).toEqual([
      ['click', true],
      ['open', true],
    ]);
  });

  it("a hit from Apple's proxy user agent and a click 2 s after delivery from a scanner user agent are counted as machine; a later click from a browser counts as a person; the headline counts match the events", async () => {
    const { campaignId, linkIds } = await campaignWithLinks(['https://example.test/a', 'https://example.test/b']);
    const deliveryId = ++nextDelivery;
    const sent = { campaignId, deliveryId, subscriberId: 77 };
    // The proxy fetches the pixel a minute after delivery; a gateway follows a link 2 s after it.
    const justSent = nowSeconds() - 2;
    await hit(`/o/${token({ ...sent, kind: 'open', sentAt: nowSeconds() - 60 })}`, { agent: APPLE_PROXY });
    await hit(`/o/${token({ ...sent, kind: 'open', sentAt: nowSeconds() - 60 })}`, { agent: APPLE_MAIL });
    await hit(`/l/${token({ ...sent, kind: 'click', linkId: linkIds[0], sentAt: justSent })}`, { agent: SCANNER });
    // The person reads it the next day: an open in Apple Mail, then a click in a browser.
    const nextDay = nowSeconds() - 86_400;
    await hit(`/o/${token({ ...sent, kind: 'open', sentAt: nextDay })}`, { agent: APPLE_MAIL });
    await hit(`/l/${token({ ...sent, kind: 'click', linkId: linkIds[0], sentAt: nextDay })}`);
    await buffer().flush();

    const rows = await events(campaignId);
    expect(rows.map((row) => [row.kind, machineOf(row)])).toEqual([
      ['open', true],
      ['open', true],
      ['click', true],
      ['open', false],
      ['click', false],
    ]);
    expect(rows.every((row) => Number(row.delivery_id) === deliveryId && Number(row.subscriber_id) === 77)).toBe(true);
    // Headline figures (people only) as the report counts them from these rows.
    const headline = await db(TABLES.deliveryEvents)
      .where({ campaign_id: campaignId, machine: false })
      .select('kind')
      .count({ n: '*' })
      .countDistinct({ unique: 'delivery_id' })
      .groupBy('kind')
      .orderBy('kind');
    expect(headline.map((row) => [row.kind, Number(row.n), Number(row.unique)])).toEqual([
      ['click', 1, 1],
      ['open', 1, 1],
    ]);
  });

  it('aggregate mode: no event row references a subscriber nor a delivery, whether the token or the site asks for it', async () => {
    const { campaignId, linkIds } = await campaignWithLinks(['https://example.test/agg']);
    await hit(`/o/${token({ kind: 'open', campaignId, mode: 'aggregate' })}`);
    await hit(`/l/${token({ kind: 'click', campaignId, linkId: linkIds[0], mode: 'aggregate' })}`);
    // The site turned aggregate-only on after the mail went out: people tokens name nobody either.
    tracking('aggregateOnly', true);
    try {
      await hit(`/o/${token({ kind: 'open', campaignId, mode: 'people' })}`);
      await hit(`/l/${token({ kind: 'click', campaignId, linkId: linkIds[0], mode: 'people' })}`);
      await buffer().flush();
    } finally {
      tracking('aggregateOnly', false);
    }
    await hit(`/o/${token({ kind: 'open', campaignId, mode: 'people' })}`);
    await buffer().flush();

    const rows = await events(campaignId);
    expect(rows).toHaveLength(5);
    expect(rows.slice(0, 4).map((row) => [row.kind, row.delivery_id, row.subscriber_id])).toEqual([
      ['open', null, null],
      ['click', null, null],
      ['open', null, null],
      ['click', null, null],
    ]);
    expect(Number(rows[4].subscriber_id)).toBeGreaterThan(0);
  });

  it('with tracking turned off, a link still redirects and the pixel still answers, and nothing is recorded', async () => {
    const { campaignId, linkIds } = await campaignWithLinks(['https://example.test/off']);
    tracking('enabled', false);
    try {
      const click = await hit(`/l/${token({ kind: 'click', campaignId, linkId: linkIds[0] })}`);
      expect(click.headers.get('location')).toBe('https://example.test/off');
      expect((await hit(`/o/${token({ kind: 'open', campaignId })}`)).status).toBe(200);
      await buffer().flush();
    } finally {
      tracking('enabled', true);
    }
    expect(await events(campaignId)).toEqual([]);
  });

  it('the buffer writes N hits as exactly N rows in one INSERT per flushBatchSize, and no answer waits for it', async () => {
    const { campaignId, linkIds } = await campaignWithLinks(['https://example.test/n']);
    const inserts: string[] = [];
    const onQuery = (query: { sql: string }) => {
      if (/^insert into .?email_campaigns_delivery_events/i.test(query.sql)) inserts.push(query.sql);
    };
    tracking('flushIntervalMs', 10_000);
    tracking('flushBatchSize', 10);
    db.on('query', onQuery);
    try {
      const HITS = 35;
      const answers = await Promise.all(
        Array.from({ length: HITS }, (_, i) =>
          hit(
            i % 2
              ? `/o/${token({ kind: 'open', campaignId })}`
              : `/l/${token({ kind: 'click', campaignId, linkId: linkIds[0] })}`,
          ),
        ),
      );
      expect(answers.every((res) => res.status === 200 || res.status === 302)).toBe(true);
      // Three full batches go at once; the last five wait for the (long) interval.
      await waitUntil(
        'three batches written',
        async () => ((await events(campaignId)).length === 30 ? true : undefined),
        {
          timeoutMs: 20_000,
        },
      );
      expect(inserts).toHaveLength(3);
      expect(buffer().stats().waiting).toBe(5);
      await buffer().flush();
      const rows = await events(campaignId);
      expect(rows).toHaveLength(HITS);
      expect(new Set(rows.map((row) => row.external_id)).size).toBe(HITS);
      expect(inserts).toHaveLength(4);
    } finally {
      db.off('query', onQuery);
      tracking('flushIntervalMs', TRACKING.flushIntervalMs);
      tracking('flushBatchSize', 500);
    }
  });

  it('answers hits on a known link from memory: not one query until the flush writes them', async () => {
    const { campaignId, linkIds } = await campaignWithLinks(['https://example.test/memory']);
    const click = () => hit(`/l/${token({ kind: 'click', campaignId, linkId: linkIds[0] })}`);
    // The first click reads the link and the campaign's link count once.
    await click();
    await buffer().flush();
    const queries: string[] = [];
    const onQuery = (query: { sql: string }) => queries.push(query.sql);
    tracking('flushIntervalMs', 10_000);
    db.on('query', onQuery);
    try {
      for (let i = 0; i < 20; i++) expect((await click()).status).toBe(302);
      for (let i = 0; i < 20; i++) expect((await hit(`/o/${token({ kind: 'open', campaignId })}`)).status).toBe(200);
      expect(queries).toEqual([]);
      await buffer().flush();
      expect(queries).toHaveLength(1);
      expect(queries[0]).toMatch(/^insert into/i);
    } finally {
      db.off('query', onQuery);
      tracking('flushIntervalMs', TRACKING.flushIntervalMs);
    }
    expect(await events(campaignId)).toHaveLength(41);
  });

  it('flushIntervalMs: hits wait in memory for the interval, then are written without a flush being asked for', async () => {
    const { campaignId } = await campaignWithLinks([]);
    tracking('flushIntervalMs', 10_000);
    try {
      for (let i = 0; i < 3; i++) expect((await hit(`/o/${token({ kind: 'open', campaignId })}`)).status).toBe(200);
      // Answered, and still not written: the answers never waited for the write.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await events(campaignId)).toHaveLength(0);
      await buffer().flush();
      tracking('flushIntervalMs', 150);
      for (let i = 0; i < 3; i++) await hit(`/o/${token({ kind: 'open', campaignId })}`);
      await waitUntil('the interval flush', async () => ((await events(campaignId)).length === 6 ? true : undefined), {
        timeoutMs: 8_000,
        intervalMs: 50,
      });
    } finally {
      tracking('flushIntervalMs', TRACKING.flushIntervalMs);
    }
  });

  it('every link of a message clicked within one second makes all those clicks machine, also the ones already written', async () => {
    const { campaignId, linkIds } = await campaignWithLinks([
      'https://example.test/1',
      'https://example.test/2',
      'https://example.test/3',
    ]);
    const bot = { campaignId, deliveryId: ++nextDelivery, subscriberId: 1 };
    const person = { campaignId, deliveryId: ++nextDelivery, subscriberId: 2 };
    // Each looks like a person's click on its own (a browser, a day after sending).
    await hit(`/l/${token({ ...bot, kind: 'click', linkId: linkIds[0] })}`);
    await buffer().flush();
    expect((await events(campaignId)).map(machineOf)).toEqual([false]);
    await Promise.all(linkIds.slice(1).map((linkId) => hit(`/l/${token({ ...bot, kind: 'click', linkId })}`)));
    // A person who clicks two of the three links is no burst.
    await hit(`/l/${token({ ...person, kind: 'click', linkId: linkIds[0] })}`);
    await hit(`/l/${token({ ...person, kind: 'click', linkId: linkIds[2] })}`);
    await waitUntil('the burst amended', async () => {
      await buffer().flush();
      const rows = await events(campaignId);
      return rows.length === 5 && rows.filter(machineOf).length === 3 ? rows : undefined;
    });
    const rows = await events(campaignId);
    expect(rows.filter(machineOf).map((row) => Number(row.delivery_id))).toEqual([
      bot.deliveryId,
      bot.deliveryId,
      bot.deliveryId,
    ]);
    expect(rows.filter((row) => !machineOf(row)).map((row) => Number(row.delivery_id))).toEqual([
      person.deliveryId,
      person.deliveryId,
    ]);
  });

  it('scannerWindowSeconds and proxyWindowSeconds decide how long after sending a hit is a machine', async () => {
    const { campaignId, linkIds } = await campaignWithLinks(['https://example.test/w']);
    const thirtySecondsAgo = nowSeconds() - 30;
    const click = () => hit(`/l/${token({ kind: 'click', campaignId, linkId: linkIds[0], sentAt: thirtySecondsAgo })}`);
    const open = () =>
      hit(`/o/${token({ kind: 'open', campaignId, sentAt: thirtySecondsAgo })}`, { agent: APPLE_MAIL });
    // Defaults (10 s, 3600 s): the click is a person's, the Apple Mail open the proxy's.
    await click();
    await open();
    tracking('scannerWindowSeconds', 120);
    tracking('proxyWindowSeconds', 5);
    try {
      await click();
      await open();
      await buffer().flush();
    } finally {
      tracking('scannerWindowSeconds', 10);
      tracking('proxyWindowSeconds', 3600);
    }
    expect((await events(campaignId)).map((row) => [row.kind, machineOf(row)])).toEqual([
      ['click', false],
      ['open', true],
      ['click', true],
      ['open', false],
    ]);
  });

  it('hitsPerIpPerMinute: past it an address gets 429 with Retry-After from memory, other addresses go on', async () => {
    const { campaignId, linkIds } = await campaignWithLinks(['https://example.test/limit']);
    const client = `198.51.100.${nextClient++}`;
    const path = () => `/l/${token({ kind: 'click', campaignId, linkId: linkIds[0] })}`;
    const counted: string[] = [];
    const onQuery = (query: { sql: string }) => counted.push(query.sql);
    tracking('hitsPerIpPerMinute', 3);
    db.on('query', onQuery);
    try {
      const answers = [];
      for (let i = 0; i < 7; i++) answers.push(await hit(path(), { client }));
      const statuses = answers.map((res) => res.status);
      // Seven hits over at most two windows of three: at least one is refused, even across a minute.
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(1);
      const limited = answers.find((res) => res.status === 429)!;
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect(limited.headers.get('location')).toBeNull();
      expect((await hit(path(), { client: '198.51.100.250' })).status).toBe(302);
      // No rate counter in the database: the hits read (at most) the link and its count.
      expect(counted.filter((sql) => /rate_counts/.test(sql))).toEqual([]);
    } finally {
      db.off('query', onQuery);
      tracking('hitsPerIpPerMinute', TRACKING.hitsPerIpPerMinute);
    }
  });

  it('a failed write is logged without its rows, tried once more by the next flush, then dropped', async () => {
    const { campaignId } = await campaignWithLinks([]);
    const table = TABLES.deliveryEvents;
    // The database refuses this campaign's rows until the test lets it.
    const block = postgresMissing
      ? `create trigger test_block_hits before insert on ${table} when new.campaign_id = ${campaignId} begin select raise(abort, 'blocked'); end`
      : `alter table ${table} add constraint test_block_hits check (campaign_id <> ${campaignId}) not valid`;
    const unblock = postgresMissing
      ? 'drop trigger test_block_hits'
      : `alter table ${table} drop constraint test_block_hits`;
    const logged: string[] = [];
    const log = app.strapi.log;
    const error = log.error;
    log.error = ((message: string) => logged.push(String(message))) as typeof log.error;
    tracking('flushIntervalMs', 10_000);
    // Earlier tests' hits are written first: one INSERT carries every waiting hit, and would fail with these.
    await buffer().flush();
    await db.raw(block);
    try {
      const opens = Array.from({ length: 3 }, () => token({ kind: 'open', campaignId }));
      for (const open of opens) await hit(`/o/${open}`);
      const droppedBefore = buffer().stats().dropped;
      await buffer().flush();
      expect(buffer().stats()).toEqual({ waiting: 3, dropped: droppedBefore });
      await db.raw(unblock);
      await buffer().flush();
      expect(await events(campaignId)).toHaveLength(3);

      // Refused twice: dropped, and the buffer is empty again.
      await db.raw(block);
      await hit(`/o/${token({ kind: 'open', campaignId })}`);
      await buffer().flush();
      await buffer().flush();
      expect(buffer().stats()).toEqual({ waiting: 0, dropped: droppedBefore + 1 });
      expect(logged).toHaveLength(3);
      expect(logged[0]).toMatch(/writing 3 tracking hits failed \(3 will be tried again\)/);
      expect(logged[2]).toMatch(/writing 1 tracking hits failed \(0 will be tried again\)/);
      for (const line of logged) {
        expect(line).not.toContain(SECRET);
        expect(line).not.toContain(opens[0].split('.')[0]);
        expect(line).not.toMatch(/insert into/i);
      }
    } finally {
      log.error = error;
      await db.raw(unblock).catch(() => undefined);
      tracking('flushIntervalMs', TRACKING.flushIntervalMs);
    }
    expect(await events(campaignId)).toHaveLength(3);
  });

  it("hits still buffered are written on Strapi's destroy", async () => {
    const { campaignId } = await campaignWithLinks([]);
    tracking('flushIntervalMs', 10_000);
    for (let i = 0; i < 4; i++) await hit(`/o/${token({ kind: 'open', campaignId })}`);
    expect(await events(campaignId)).toHaveLength(0);
    await app.restart();
    db = app.strapi.db.connection as unknown as Knex;
    expect(await events(campaignId)).toHaveLength(4);
  });
});
