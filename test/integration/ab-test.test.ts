/**
 * A/B subject tests end to end (docs/architecture.md, "Engagement", "A/B subject tests"): a real
 * Strapi (SQLite) with tracking enabled, a real SMTP server, and clicks through the click route
 * with the tokens of the received mail. The application clock moves past the wait; ticks are run
 * by hand (`cron` off). The split's SQL on every database: test/integration/suites/ab-test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES, UID } from '../../server/src/constants';
import { clock, insertSubscribers, sender } from '../helpers/fixtures';
import { startSmtpServer, type CaughtMail, type TestSmtpServer } from '../helpers/smtp-server';
import { bootStrapi, type TestStrapi } from '../helpers/strapi';

type Json = any;

const HOUR = 3_600_000;
const BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const BOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const MJML = `<mjml><mj-body><mj-section><mj-column>
  <mj-text>Hello {{ subscriber.name }}, <a href="https://example.test/read">read on</a>.</mj-text>
  <mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button>
</mj-column></mj-section></mj-body></mjml>`;

describe('A/B subject tests', () => {
  let smtp: TestSmtpServer;
  let app: TestStrapi;
  let token = '';
  let seq = 0;
  const service = (name: string) => app.strapi.plugin('email-campaigns').service(name);
  const tick = () => sender(app.strapi).run();
  const advance = (ms: number) => clock(app.strapi).advance(ms);

  const api = async (method: string, path: string, json?: unknown) => {
    const res = await app.request(`/email-campaigns${path}`, { method, token, json });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
  };

  /** A list of `count` subscribed people and an A/B campaign to it, sent now: its sample goes out. */
  async function startTest(count: number, abTest: Json, provider = 'main') {
    const prefix = `ab${++seq}`;
    const list = await app.strapi
      .documents(UID.list)
      .create({ data: { name: prefix, slug: prefix, doubleOptIn: false } as Json });
    await insertSubscribers(app.strapi, count, { prefix, lists: [Number(list.id)] });
    const created = await api('POST', '/campaigns', {
      name: `A/B ${prefix}`,
      subject: 'The fallback subject',
      mjml: MJML,
      lists: [Number(list.id)],
      provider,
      tracking: { mode: 'people' },
      abTest,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = Number(created.body.data.id);
    expect((await api('POST', `/campaigns/${id}/send`)).status).toBe(200);
    await tick();
    const mine = (mail: CaughtMail) => mail.envelope.to.some((to) => to.startsWith(`${prefix}-`));
    return { id, prefix, mails: () => smtp.messages.filter(mine) };
  }

  const campaign = async (id: number) => (await api('GET', `/campaigns/${id}`)).body.data;
  const counts = async (id: number) => (await api('GET', `/campaigns/${id}/report`)).body.data.counts;
  const subjectOf = (mail: CaughtMail) => (mail.subject ?? '').replace(/ Person \d+$/, '');

  /** Follows the tracked link of a received message, as a reader's browser (or a bot) does. */
  async function click(mail: CaughtMail, agent = BROWSER) {
    const href = /href="([^"]*\/api\/email-campaigns\/l\/[^"]+)"/.exec(String(mail.html))?.[1];
    expect(href, 'a tracked link in the mail').toBeTruthy();
    const res = await fetch(String(href), { redirect: 'manual', headers: { 'user-agent': agent } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://example.test/read');
  }

  /** Loads the open pixel of a received message, as a reader's mail app does. */
  async function open(mail: CaughtMail) {
    const src = /src="([^"]*\/api\/email-campaigns\/o\/[^"]+)"/.exec(String(mail.html))?.[1];
    expect(src, 'an open pixel in the mail').toBeTruthy();
    const res = await fetch(String(src), { headers: { 'user-agent': BROWSER } });
    expect(res.status).toBe(200);
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await bootStrapi({
      db: 'sqlite',
      smtp: { host: smtp.host, port: smtp.port },
      env: {
        EMAIL_CAMPAIGNS_TRACKING: JSON.stringify({ enabled: true, flushIntervalMs: 100, hitsPerIpPerMinute: 100_000 }),
        EMAIL_CAMPAIGNS_TEST_PROVIDERS: JSON.stringify({ limited: { limits: { perHour: 30 } } }),
      },
    });
    token = await app.login();
  });

  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  });

  it('an A/B test to 1,000 subscribers with two subjects sends the sample, picks the variant with more human clicks after the wait, and sends the winner to the remaining 800; nobody gets two messages', async () => {
    const test = await startTest(1000, {
      subjects: ['Subject A for {{ subscriber.name }}', 'Subject B'],
      samplePercent: 20,
      waitHours: 4,
      metric: 'clicks',
    });
    // The sample: 20% of 1,000, half with each subject; the other 800 wait.
    let mails = test.mails();
    expect(mails.length).toBe(200);
    const bySubject = (subject: string) => mails.filter((mail) => subjectOf(mail) === subject);
    expect(bySubject('Subject A for').length).toBe(100);
    expect(bySubject('Subject B').length).toBe(100);
    expect(await counts(test.id)).toMatchObject({ held: 800, sent: 200, total: 1000 });
    expect((await campaign(test.id)).status).toBe('testing');

    // Past the link scanners' window: ten readers of A click three times each, fifteen of B once,
    // and a bot follows every other link of A. Unique people decide: B, though A has more clicks.
    advance(60_000);
    const [a, b] = [bySubject('Subject A for'), bySubject('Subject B')];
    for (const mail of a.slice(0, 10)) for (let i = 0; i < 3; i++) await click(mail);
    for (const mail of b.slice(0, 15)) await click(mail);
    for (const mail of a.slice(10, 60)) await click(mail, BOT);
    await service('hitBuffer').flush();

    // Before the wait is over nothing changes.
    advance(3 * HOUR);
    await tick();
    expect((await campaign(test.id)).status).toBe('testing');
    expect(test.mails().length).toBe(200);

    advance(HOUR);
    await tick();
    const decided = await campaign(test.id);
    expect(decided.abTest).toMatchObject({ winner: 2, decidedAt: expect.any(String) });
    expect(decided.status).toBe('sent');
    mails = test.mails();
    expect(mails.length).toBe(1000);
    expect(bySubject('Subject B').length).toBe(900);
    expect(bySubject('Subject A for').length).toBe(100);
    const recipients = mails.map((mail) => mail.envelope.to[0]);
    expect(new Set(recipients).size).toBe(1000);
    expect(await counts(test.id)).toMatchObject({ held: 0, sent: 1000, total: 1000 });

    // The report's figures per variant: people and machines apart.
    const result = await service('abTest').abResult(test.id);
    expect(result.test.winner).toBe(2);
    expect(result.variants[0]).toMatchObject({ variant: 1, subject: 'Subject A for {{ subscriber.name }}' });
    expect(result.variants[0].clicks).toEqual({ unique: 10, total: 30, machine: 50 });
    expect(result.variants[1].clicks).toEqual({ unique: 15, total: 15, machine: 0 });
    expect(result.variants[1].sent).toBe(900);
  });

  it('a tie goes to the first subject; a test paused while testing waits, resumes to testing, then decides', async () => {
    const test = await startTest(40, {
      subjects: ['Tie one', 'Tie two', 'Tie three'],
      samplePercent: 30,
      waitHours: 1,
    });
    expect(test.mails().length).toBe(12);
    advance(60_000);
    // Two people each on variants 2 and 3, nobody on 1: 2 and 3 tie, the earlier of them wins.
    for (const subject of ['Tie two', 'Tie three'])
      for (const mail of test
        .mails()
        .filter((m) => subjectOf(m) === subject)
        .slice(0, 2))
        await click(mail);
    await service('hitBuffer').flush();

    expect((await api('POST', `/campaigns/${test.id}/pause`)).body.data.status).toBe('paused');
    advance(2 * HOUR);
    await tick();
    expect((await campaign(test.id)).abTest.winner).toBeNull();
    expect(await counts(test.id)).toMatchObject({ held: 28 });

    expect((await api('POST', `/campaigns/${test.id}/resume`)).body.data.status).toBe('testing');
    await tick();
    const decided = await campaign(test.id);
    expect(decided.abTest.winner).toBe(2);
    expect(decided.status).toBe('sent');
    expect(test.mails().filter((m) => subjectOf(m) === 'Tie two').length).toBe(4 + 28);
  });

  it('with no click at all the first subject wins; a machine click does not count', async () => {
    const test = await startTest(10, { subjects: ['Quiet one', 'Quiet two'], samplePercent: 40, waitHours: 1 });
    // Only a crawler follows variant 2's links.
    advance(60_000);
    for (const mail of test.mails().filter((m) => subjectOf(m) === 'Quiet two')) await click(mail, BOT);
    await service('hitBuffer').flush();
    advance(HOUR + 60_000);
    await tick();
    expect((await campaign(test.id)).abTest.winner).toBe(1);
    expect(test.mails().filter((m) => subjectOf(m) === 'Quiet one').length).toBe(2 + 6);
  });

  it('with the opens metric, the subject more people opened wins, whatever the clicks', async () => {
    const test = await startTest(20, {
      subjects: ['Open one', 'Open two'],
      samplePercent: 40,
      waitHours: 1,
      metric: 'opens',
    });
    advance(60_000);
    const [one, two] = ['Open one', 'Open two'].map((subject) => test.mails().filter((m) => subjectOf(m) === subject));
    // Variant 1 gets the clicks (which open nothing: no image loaded), variant 2 the opens.
    for (const mail of one) await click(mail);
    for (const mail of two.slice(0, 2)) await open(mail);
    await service('hitBuffer').flush();
    advance(HOUR);
    await tick();
    expect((await campaign(test.id)).abTest).toMatchObject({ metric: 'opens', winner: 2 });
    expect(test.mails().filter((m) => subjectOf(m) === 'Open two').length).toBe(4 + 12);
  });

  it('a person erased while their row is held gets nothing: the row ends skipped, like a queued one', async () => {
    const test = await startTest(10, { subjects: ['Erased one', 'Erased two'], samplePercent: 20, waitHours: 1 });
    const held = await app.strapi.db
      .connection(TABLES.deliveries)
      .where({ campaign_id: test.id, status: 'held' })
      .first('id', 'subscriber_id', 'email');
    expect((await api('DELETE', `/subscribers/${held.subscriber_id}`)).status).toBe(204);
    const row = await app.strapi.db.connection(TABLES.deliveries).where('id', held.id).first('status', 'last_error');
    expect(row).toMatchObject({ status: 'skipped', last_error: 'The subscriber was erased' });
    advance(HOUR + 60_000);
    await tick();
    expect(test.mails().length).toBe(9);
    expect(test.mails().map((m) => m.envelope.to[0])).not.toContain(held.email);
  });

  it('a test cancelled while testing skips the held rows; the sample sent stays sent', async () => {
    const test = await startTest(20, { subjects: ['Gone one', 'Gone two'], samplePercent: 20, waitHours: 1 });
    expect((await api('POST', `/campaigns/${test.id}/cancel`)).body.data.status).toBe('cancelled');
    expect(await counts(test.id)).toMatchObject({ held: 0, sent: 4, skipped: 16 });
    const reasons = await app.strapi.db
      .connection(TABLES.deliveries)
      .where({ campaign_id: test.id, status: 'skipped' })
      .distinct('last_error');
    expect(reasons.map((r: Json) => r.last_error)).toEqual(['Campaign cancelled']);
    advance(2 * HOUR);
    await tick();
    expect(test.mails().length).toBe(4);
  });

  it("the provider's hourly limit holds for the sample and for the winner's rows", async () => {
    const test = await startTest(
      100,
      { subjects: ['Limited one', 'Limited two'], samplePercent: 40, waitHours: 1 },
      'limited',
    );
    // The sample is 40 rows; the limit lets 30 go this hour.
    expect(test.mails().length).toBe(30);
    expect((await campaign(test.id)).status).toBe('testing');
    // An hour on, the winner is picked and its rows join the queue behind the same limit.
    advance(HOUR + 60_000);
    await tick();
    expect((await campaign(test.id)).status).toBe('sending');
    expect(test.mails().length).toBe(60);
    advance(HOUR + 60_000);
    await tick();
    expect(test.mails().length).toBe(90);
    advance(HOUR + 60_000);
    await tick();
    expect(test.mails().length).toBe(100);
    expect(new Set(test.mails().map((m) => m.envelope.to[0])).size).toBe(100);
    expect((await campaign(test.id)).status).toBe('sent');
  });
});
