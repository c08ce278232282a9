/**
 * Tracking hits through a real Strapi (issue #14; docs/architecture.md, "Engagement"): the click
 * and open routes, machine classification, the in-memory per-IP limit, and (tracking-hits-buffer.ts,
 * on the same boot) the hit buffer. Link rows are written and tokens signed here with the test app's
 * secret, as the sender would. Behind a trusted proxy (`PROXY`), so a test names its client in
 * X-Forwarded-For. Runs on PostgreSQL (SQLite when PostgreSQL is not running, outside CI).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES, UID } from '../../server/src/constants';
import type { EngagementReport } from '../../server/src/contracts/engagement';
import { unavailableReason } from '../helpers/database';
import { clock } from '../helpers/fixtures';
import { insertOne, waitUntil } from '../helpers/outbox-fixtures';
import { bootStrapi, type TestStrapi } from '../helpers/strapi';
import { machineOf, nowSeconds, TRACKING, trackingHarness } from '../helpers/tracking-hits';
import { hitBufferTests } from './tracking-hits-buffer';

// Safe Links and similar gateways fetch with a browser's agent: only the timing gives them away.
const SCANNER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0 Safari/537.36';
const APPLE_PROXY = 'Mozilla/5.0';
const APPLE_MAIL = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';

const postgresMissing = await unavailableReason('postgres');
if (postgresMissing && process.env.CI) throw new Error(`CI needs postgres: ${postgresMissing}`);
const client = postgresMissing ? 'sqlite' : 'postgres';

describe(`tracking hits (${client})`, () => {
  let app: TestStrapi;
  let nextClient = 1;
  const h = { ...trackingHarness(() => app, client), app: () => app };
  const { tracking, buffer, token, hit, events, campaignWithLinks } = h;

  beforeAll(async () => {
    app = await bootStrapi({
      db: client,
      env: { PROXY: 'true', EMAIL_CAMPAIGNS_TRACKING: JSON.stringify(TRACKING) },
    });
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
    // Framed, so a keep-alive client (a browser, a load tester) sees the answer end.
    expect(res.headers.get('content-length')).toBe('0');
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
    // A real sent campaign with one sent message, so the engagement report can count it.
    const created = await app.strapi.documents(UID.campaign).create({
      data: {
        name: 'Tracked hits',
        subject: 'Tracked',
        status: 'sent',
        tracking: { mode: 'people', opens: true, clicks: true },
      } as never,
    });
    const campaignId = (created as { id: number }).id;
    const deliveryId = await insertOne(h.db(), TABLES.deliveries, {
      kind: 'campaign',
      campaign_id: campaignId,
      email: 'reader@example.test',
      provider: 'main',
      status: 'sent',
      attempts: 1,
      sent_at: new Date(),
      created_at: new Date(),
      updated_at: new Date(),
    });
    const { linkIds } = await campaignWithLinks(['https://example.test/a', 'https://example.test/b'], campaignId);
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
    // The headline figures count people only; machines are shown apart.
    const res = await app.request(`/email-campaigns/campaigns/${campaignId}/engagement`, { token: await app.login() });
    expect(res.status).toBe(200);
    const report = ((await res.json()) as { data: EngagementReport }).data;
    expect(report.sent).toBe(1);
    expect(report.opens).toEqual({ unique: 1, total: 1, machine: 2 });
    expect(report.clicks).toEqual({ unique: 1, total: 1, machine: 1 });
    expect(report.links.find((link) => link.id === linkIds[0])?.clicks).toEqual({ unique: 1, total: 1, machine: 1 });
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

  it('every link of a message clicked within one second makes all those clicks machine, also the ones already written', async () => {
    const { campaignId, linkIds } = await campaignWithLinks([
      'https://example.test/1',
      'https://example.test/2',
      'https://example.test/3',
    ]);
    const bot = { campaignId, deliveryId: h.delivery(), subscriberId: 1 };
    const person = { campaignId, deliveryId: h.delivery(), subscriberId: 2 };
    // Each looks like a person's click on its own (a browser, an hour after sending).
    const firstClickAt = Date.now();
    await hit(`/l/${token({ ...bot, kind: 'click', linkId: linkIds[0] })}`);
    await buffer().flush();
    expect((await events(campaignId)).map(machineOf)).toEqual([false]);
    // The other two within the same second on the app's clock, however slow the machine is.
    clock(app.strapi).advance(firstClickAt - Date.now());
    try {
      await Promise.all(linkIds.slice(1).map((linkId) => hit(`/l/${token({ ...bot, kind: 'click', linkId })}`)));
      // A person who clicks two of the three links is no burst.
      await hit(`/l/${token({ ...person, kind: 'click', linkId: linkIds[0] })}`);
      await hit(`/l/${token({ ...person, kind: 'click', linkId: linkIds[2] })}`);
    } finally {
      clock(app.strapi).reset();
    }
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
    h.db().on('query', onQuery);
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
      h.db().off('query', onQuery);
      tracking('hitsPerIpPerMinute', TRACKING.hitsPerIpPerMinute);
    }
  });

  hitBufferTests(h);
});
