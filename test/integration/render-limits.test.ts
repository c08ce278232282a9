/**
 * Render limits on a real Strapi (SQLite) with a real SMTP server and real worker threads
 * (docs/architecture.md, "Composing"). Hostile templates, previewed and sent, are stopped with a
 * message within seconds, while the heap of this very process (Strapi runs in it) stays within
 * 100 MB of where it started and GET /_health answers under 100 ms throughout, measured here. A
 * campaign that fails to render mid-send pauses with the error and no row is marked failed;
 * Strapi content inserted with `| raw` arrives literally; previews of template source need
 * `campaigns.write`. The render pool's own time and heap limits are proved at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../../server/src/constants';
import { createRenderPool } from '../../server/src/services/composing/render-pool';
import { createList, deliveryCounts, insertSubscribers, sender } from '../helpers/fixtures';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { bootStrapi, createLimitedAdmin, type TestStrapi } from '../helpers/strapi';

type Json = any;

// The unsubscribe link lets a sound campaign pass the checks before sending.
const inText = (text: string) =>
  `<mjml><mj-body><mj-section><mj-column><mj-text>${text}</mj-text>` +
  '<mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button></mj-column></mj-section></mj-body></mjml>';

/** `depth` nested loops over `range`; a range naming `subscriber` renders per recipient. */
function nestedLoops(depth: number, body: string, range: string): string {
  const names = Array.from({ length: depth }, (_, i) => `v${i}`);
  return names.map((n) => `{% for ${n} in ${range} %}`).join('') + body + '{% endfor %}'.repeat(depth);
}

const HOSTILE: Array<[string, string]> = [
  ['a range of a hundred million (campaign-level)', '{% for i in (1..100000000) %}x{% endfor %}'],
  ['50 nested loops (campaign-level)', nestedLoops(50, 'x', '(1..10)')],
  ['a range of a hundred million (per recipient)', '{% for i in (subscriber.id..100000000) %}x{% endfor %}'],
  ['50 nested loops (per recipient)', nestedLoops(50, 'x', '(1..subscriber.email.size)')],
];
const LIMIT_MESSAGE = /(template render|memory alloc) limit exceeded: the template was stopped/;
const SECONDS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls GET /_health of the Strapi in this process every 20 ms and samples this process's heap,
 * from now until stop(): the typical (95th percentile) and slowest answers and how far the heap
 * grew. A template holding the event loop shows in both; a single slow poll on a loaded machine
 * (CI runs the browser tests beside these) is the scheduler's, so the slowest gets more room.
 */
function watchProcess(url: string) {
  const startHeap = process.memoryUsage().heapUsed;
  let maxHeap = startHeap;
  let slowest = 0;
  let polls = 0;
  const times: number[] = [];
  const statuses = new Set<number>();
  let running = true;
  const loop = (async () => {
    while (running) {
      const start = performance.now();
      const res = await fetch(`${url}/_health`);
      await res.arrayBuffer();
      times.push(performance.now() - start);
      slowest = Math.max(slowest, times[times.length - 1]);
      statuses.add(res.status);
      polls += 1;
      maxHeap = Math.max(maxHeap, process.memoryUsage().heapUsed);
      await sleep(20);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const p95Ms = [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)] ?? 0;
      const heapGrowthMb = (maxHeap - startHeap) / 2 ** 20;
      return { p95Ms, slowestMs: slowest, polls, statuses: [...statuses], heapGrowthMb };
    },
  };
}

describe('render limits in a running Strapi', () => {
  let smtp: TestSmtpServer;
  let app: TestStrapi;
  let token: string;

  const api = async (method: string, path: string, json?: unknown, as = token) => {
    const res = await app.request(`/email-campaigns${path}`, { method, token: as, json });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
  };
  const timed = async <T>(run: () => Promise<T>) => {
    const start = performance.now();
    const result = await run();
    return { result, ms: performance.now() - start };
  };
  const outboxRows = (campaignId: number) =>
    app.strapi.db.connection(TABLES.deliveries).where({ campaign_id: campaignId }).select('email', 'status');

  async function campaignFor(mjml: string, extra: Record<string, unknown> = {}) {
    const list = await createList(app.strapi);
    await insertSubscribers(app.strapi, 3, { lists: [list.id] });
    const created = await api('POST', '/campaigns', {
      name: 'Limits',
      subject: 'Hi',
      mjml,
      lists: [list.id],
      ...extra,
    });
    expect(created.status).toBe(201);
    return { campaign: created.body.data, list };
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await bootStrapi({ db: 'sqlite', smtp: { host: smtp.host, port: smtp.port } });
    token = await app.login();
    // The first admin calls of a fresh process load and compile code, and start a render worker:
    // measure from a warm process, as a site that has been running is.
    const { campaign } = await campaignFor(inText('Hello {{ subscriber.name }}'));
    expect((await api('POST', `/campaigns/${campaign.id}/preview`, { subject: 'Warm' })).status).toBe(200);
    expect((await api('POST', '/campaigns/preview', { subject: 'Hi', mjml: inText('Hi') })).status).toBe(200);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  });

  it('stops hostile templates, previewed, scheduled and sent, within seconds; the heap stays and /_health answers under 100 ms', async () => {
    const campaigns: Json[] = [];
    for (const [, loop] of HOSTILE) campaigns.push((await campaignFor(inText(loop))).campaign);

    const watch = watchProcess(app.url);
    for (const [index, [name, loop]] of HOSTILE.entries()) {
      const mjml = inText(loop);
      const campaign = campaigns[index];

      const unsaved = await timed(() => api('POST', '/campaigns/preview', { subject: 'Hi', mjml }));
      expect(unsaved.result.status, name).toBe(200);
      expect(unsaved.result.body.data.message, name).toBeNull();
      expect(unsaved.result.body.data.errors[0].message, name).toMatch(LIMIT_MESSAGE);
      expect(unsaved.ms, name).toBeLessThan(SECONDS);

      const saved = await timed(() => api('POST', `/campaigns/${campaign.id}/preview`, {}));
      expect(saved.result.body.data.errors[0].message, name).toMatch(LIMIT_MESSAGE);
      expect(saved.ms, name).toBeLessThan(SECONDS);

      const send = await timed(() => api('POST', `/campaigns/${campaign.id}/send`));
      expect(send.result.status, name).toBe(400);
      expect(send.result.body.error.message, name).toBe('The campaign cannot be sent yet: fix 1 template error(s).');
      expect(send.result.body.error.details.errors[0].message, name).toMatch(LIMIT_MESSAGE);
      expect(send.ms, name).toBeLessThan(SECONDS);

      const later = { scheduledAt: '2030-01-01T09:00:00Z', timezone: 'UTC' };
      const schedule = await api('POST', `/campaigns/${campaign.id}/schedule`, later);
      expect(schedule.status, name).toBe(400);
      expect(schedule.body.error.details.errors[0].message, name).toMatch(LIMIT_MESSAGE);

      const test = await api('POST', `/campaigns/${campaign.id}/test`, { emails: ['qa@example.test'] });
      expect(test.status, name).toBe(400);
      expect(test.body.error.details.errors[0].message, name).toMatch(LIMIT_MESSAGE);
      expect((await api('GET', `/campaigns/${campaign.id}`)).body.data.status, name).toBe('draft');
      expect(await outboxRows(campaign.id), name).toEqual([]);
    }
    const seen = await watch.stop();
    console.info(`[render-limits] previews and sends: ${JSON.stringify(seen)}`);
    expect(seen.statuses).toEqual([204]);
    expect(seen.polls).toBeGreaterThan(20);
    expect(seen.p95Ms).toBeLessThan(100);
    expect(seen.slowestMs).toBeLessThan(250);
    expect(seen.heapGrowthMb).toBeLessThan(100);
  });

  it('pauses a campaign whose message fails to render mid-send, with the error, and marks no row failed', async () => {
    // Harmless for the stand-in of the sample render; 50 nested loops for one subscriber only.
    const bomb = `{% if subscriber.email contains "bomb" %}${HOSTILE[3][1]}{% endif %}Hello {{ subscriber.name }}`;
    const { campaign, list } = await campaignFor(inText(bomb));
    const [bombId] = await insertSubscribers(app.strapi, 1, { prefix: 'bomb', lists: [list.id] });
    expect((await api('POST', `/campaigns/${campaign.id}/send`)).status).toBe(200);

    const watch = watchProcess(app.url);
    await sender(app.strapi).run();
    await sender(app.strapi).run();
    const seen = await watch.stop();
    console.info(`[render-limits] mid-send pause: ${JSON.stringify(seen)}`);

    const paused = (await api('GET', `/campaigns/${campaign.id}`)).body.data;
    expect(paused.status).toBe('paused');
    expect(paused.pauseReason).toMatch(
      new RegExp(`^A message could not be rendered \\(subscriber ${bombId}\\): .*template render limit exceeded`),
    );
    const counts = await deliveryCounts(app.strapi, campaign.id);
    expect(counts.failed).toBeUndefined();
    const rows = await outboxRows(campaign.id);
    expect(rows.find((row: Json) => row.email.startsWith('bomb-'))?.status).toBe('queued');
    expect(rows.every((row: Json) => ['sent', 'queued'].includes(row.status))).toBe(true);
    expect(smtp.messages.some((mail) => mail.envelope.to[0].startsWith('bomb-'))).toBe(false);
    expect(seen.p95Ms).toBeLessThan(100);
    expect(seen.slowestMs).toBeLessThan(250);
    expect(seen.heapGrowthMb).toBeLessThan(100);
  });

  it('delivers an entry whose text is Liquid, inserted with | raw, literally', async () => {
    const text = '{{ subscriber.email }}{% for x in (1..3) %}';
    const { campaign } = await campaignFor(inText('<p>{{ entries[0].text | raw }}</p>'), { entries: [{ text }] });
    const sendRes = await api('POST', `/campaigns/${campaign.id}/send`);
    expect(sendRes.status).toBe(200);
    const before = smtp.received();
    await sender(app.strapi).run();
    const mails = (await smtp.waitFor(before + 3)).slice(before);
    expect(mails).toHaveLength(3);
    for (const mail of mails) {
      expect(mail.text).toContain(text);
      expect(mail.html).toContain('&#123;&#123; subscriber.email }}&#123;% for x in (1..3) %}');
      expect(mail.html).not.toContain(mail.envelope.to[0]);
    }
  });

  it('lets only campaigns.write preview template source; a saved campaign as saved needs read', async () => {
    const { campaign } = await campaignFor(inText('Hello {{ subscriber.name }}'));
    const reader = await createLimitedAdmin(app.strapi, ['plugin::email-campaigns.read']);
    const readerToken = await app.login(reader.email, reader.password);
    const source = { mjml: inText('Changed {{ subscriber.name }}') };

    expect((await api('POST', '/campaigns/preview', source, readerToken)).status).toBe(403);
    const changed = await api('POST', `/campaigns/${campaign.id}/preview`, source, readerToken);
    expect(changed.status).toBe(403);
    expect(changed.body.error.message).toMatch(/needs the "Create and edit campaigns" permission/);
    const asSaved = await api('POST', `/campaigns/${campaign.id}/preview`, {}, readerToken);
    expect(asSaved.status).toBe(200);
    expect(asSaved.body.data.message.html).toContain('Hello Test recipient');

    const asWriter = await api('POST', `/campaigns/${campaign.id}/preview`, source);
    expect(asWriter.body.data.message.html).toContain('Changed Test recipient');
  });
});

describe('the render pool', () => {
  // A document MJML needs seconds and hundreds of megabytes to compile.
  const huge = `<mjml><mj-body>${'<mj-section><mj-column><mj-text>Some text</mj-text></mj-column></mj-section>'.repeat(20_000)}</mj-body></mjml>`;
  const small = { mjml: inText('Hello {{ campaign.name }}'), campaign: { name: 'small' } };

  it('ends a task over its time limit with a message', async () => {
    const pool = createRenderPool({ taskMs: 1_000, oldGenerationMb: 256, youngGenerationMb: 16 });
    try {
      const start = performance.now();
      const stopped = await pool.compile({ mjml: huge, campaign: {} });
      expect(performance.now() - start).toBeLessThan(5_000);
      expect(stopped).toEqual({
        html: '',
        errors: [{ line: 0, message: 'The template was stopped: compiling and rendering it took longer than 1 s' }],
      });
    } finally {
      await pool.destroy();
    }
  });

  it('ends a worker over its heap limit with a message, and the next task gets a fresh one', async () => {
    const pool = createRenderPool({ taskMs: 60_000, oldGenerationMb: 40, youngGenerationMb: 8 });
    try {
      const heapBefore = process.memoryUsage().heapUsed;
      const stopped = await pool.compile({ mjml: huge, campaign: {} });
      expect(stopped.errors).toEqual([
        { line: 0, message: 'The template was stopped: compiling and rendering it needed more than 40 MB' },
      ]);
      expect((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toBeLessThan(100);
      const next = await pool.compile(small);
      expect(next.errors).toEqual([]);
      expect(next.html).toContain('Hello small');
    } finally {
      await pool.destroy();
    }
  });
});
