/**
 * Publish rules across processes on one PostgreSQL database (docs/architecture.md, "Publish
 * rules"). Two Strapi processes, each running the tick every second, publish the same article
 * at the same moment: one campaign, each recipient once. Then a daily digest whose processes are
 * killed with SIGKILL around a publish and around the digest's assembly, and restarted: the
 * issue holds every entry recorded before it was due, once, and the next, empty, period sends
 * nothing. The children run on the real clock: the test makes a digest due by moving its due time
 * in the database, as multi-instance.test.ts ages sends.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../../server/src/constants';
import { createTestDatabase, unavailableReason, type TestDatabase } from '../helpers/database';
import { connect, duplicates, errorLines, waitUntil } from '../helpers/outbox-fixtures';
import { ARTICLE } from '../helpers/publish-rules';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { ADMIN } from '../helpers/strapi';
import { startStrapiProcess, type StrapiProcess } from '../helpers/strapi-process';

type Json = any;
const RECIPIENTS = 20;
const CM = `/content-manager/collection-types/${ARTICLE}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const reason = await unavailableReason('postgres');
if (reason && process.env.CI) throw new Error(`CI needs postgres: ${reason}`);
if (reason) console.log(`[tests] skipping publish rules across processes: ${reason}`);

describe.skipIf(Boolean(reason))('publish rules, two processes on PostgreSQL', () => {
  let database: TestDatabase;
  let smtp: TestSmtpServer;
  let db: Knex;
  let listId: number;
  const running = new Map<string, StrapiProcess>();
  const tokens = new Map<string, string>();

  const start = async (name: string) => {
    const instance = await startStrapiProcess({
      ...database.env,
      SMTP_HOST: smtp.host,
      SMTP_PORT: String(smtp.port),
      EMAIL_CAMPAIGNS_CRON: '*/1 * * * * *',
      DATABASE_POOL_MAX: '4',
    });
    running.set(name, instance);
    const res = await fetch(`${instance.url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    tokens.set(name, ((await res.json()) as Json).data.token);
    return instance;
  };

  async function call(name: string, path: string, method = 'GET', json?: unknown): Promise<Json> {
    const res = await fetch(`${running.get(name)!.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens.get(name)}`, 'content-type': 'application/json' },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    const body: Json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  }

  const createDraft = async (name: string, title: string) =>
    (await call(name, CM, 'POST', { title })).data.documentId as string;
  const publish = (name: string, documentId: string) => call(name, `${CM}/${documentId}/actions/publish`, 'POST', {});

  const campaignsOf = (ruleId: number) =>
    db(TABLES.campaigns).where('origin', 'like', `rule:${ruleId}:%`).select('id', 'status', 'entries');

  /** Waits for `count` messages, then a few quiet seconds of every instance ticking: nothing more may come. */
  async function quietAt(count: number) {
    await smtp.waitFor(count, 90_000).catch((error: Error) => {
      const lines = [...running.values()].flatMap((instance) => errorLines(instance.output()));
      throw new Error(`${error.message}\n${lines.join('\n')}`);
    });
    await sleep(3000);
    expect(smtp.received()).toBe(count);
    const recipients = smtp.messages.map((m) => m.envelope.to[0].toLowerCase());
    expect(duplicates(recipients)).toEqual({});
    expect(new Set(recipients).size).toBe(RECIPIENTS);
  }

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    smtp = await startSmtpServer();
    db = connect(database);
    // The first process creates the schema; the second boots on it.
    await start('a');
    await start('b');
    const now = new Date();
    const [list] = await db(TABLES.lists).insert(
      {
        document_id: randomUUID(),
        name: 'Readers',
        slug: 'readers',
        double_opt_in: false,
        public: false,
        created_at: now,
        updated_at: now,
      },
      ['id'],
    );
    listId = Number(list.id);
    const people = Array.from({ length: RECIPIENTS }, (_, i) => ({
      document_id: randomUUID(),
      email: `reader-${i}@example.test`,
      name: `Reader ${i}`,
      status: 'subscribed',
      source: 'api',
      bounce_count: 0,
      created_at: now,
      updated_at: now,
    }));
    const ids = await db(TABLES.subscribers).insert(people, ['id']);
    await db(TABLES.subscriberLists).insert(
      ids.map((row: { id: number }) => ({ subscriber_id: row.id, list_id: listId })),
    );
  }, 240_000);

  afterAll(async () => {
    await Promise.all([...running.values()].map((instance) => instance.kill('SIGKILL')));
    await db?.destroy();
    await database?.drop();
    await smtp?.close();
  }, 240_000);

  const rule = (fields: Record<string, unknown>) => ({
    name: 'Rule',
    contentType: ARTICLE,
    template: 'starter-announcement',
    lists: [listId],
    ...fields,
  });

  it('the same article published on both instances at the same moment makes one campaign, each recipient once', async () => {
    const { data } = await call(
      'a',
      '/email-campaigns/publish-rules',
      'POST',
      rule({ mode: 'each', eachAction: 'send' }),
    );
    const documentId = await createDraft('a', 'Published twice at once');
    await Promise.all([publish('a', documentId), publish('b', documentId)]);
    await quietAt(RECIPIENTS);
    expect(await campaignsOf(data.id)).toHaveLength(1);
    await call('a', `/email-campaigns/publish-rules/${data.id}/pause`, 'POST');
  });

  it('a weekly digest holds every entry published before it was due, once, across SIGKILLs and restarts; an empty period sends nothing', async () => {
    smtp.clear();
    const digest = { frequency: 'weekly', weekday: 1, time: '06:00', timezone: 'Asia/Ho_Chi_Minh' };
    const { data } = await call(
      'a',
      '/email-campaigns/publish-rules',
      'POST',
      rule({ mode: 'digest', digest, template: 'starter-digest' }),
    );
    const titles = ['Digest one', 'Digest two', 'Digest three'];
    for (const title of titles.slice(0, 2)) await publish('a', await createDraft('a', title));

    // Killed just after its publish answered: whether its hook recorded the entry or not, the
    // restarted instance reconciles it.
    await publish('b', await createDraft('b', titles[2]));
    await running.get('b')!.kill('SIGKILL');
    await start('b');

    // Due now; one instance dies somewhere around the assembly (or its send: the rows it held
    // wait for their lease, crash.test.ts covers them), the other carries on, then it comes back.
    await db(TABLES.publishRules)
      .where('id', data.id)
      .update({ next_digest_at: new Date(Date.now() - 1000) });
    await sleep(Math.floor(Math.random() * 1500));
    await running.get('a')!.kill('SIGKILL');
    await start('a');
    const campaign = await waitUntil('the digest campaign to start', async () => {
      const [found] = await campaignsOf(data.id);
      return found && ['sending', 'sent'].includes(found.status) ? found : undefined;
    });
    await waitUntil('the messages to stop arriving', async () => {
      const before = smtp.received();
      await sleep(3000);
      return smtp.received() === before && before > 0 ? true : undefined;
    });

    expect(await campaignsOf(data.id)).toHaveLength(1);
    const entries = typeof campaign.entries === 'string' ? JSON.parse(campaign.entries) : campaign.entries;
    expect(entries.map((entry: Json) => entry.title)).toEqual(titles);
    const rows = await db(TABLES.deliveries).where('campaign_id', campaign.id).count({ n: '*' });
    expect(Number(rows[0].n)).toBe(RECIPIENTS);
    const recipients = smtp.messages.map((m) => m.envelope.to[0].toLowerCase());
    expect(duplicates(recipients)).toEqual({});
    for (const message of smtp.messages) {
      const positions = titles.map((title) => (message.html as string).indexOf(title));
      expect(positions.every((at) => at >= 0)).toBe(true);
      expect(positions).toEqual([...positions].sort((x, y) => x - y));
    }
    const records = await db(TABLES.publishRecords).where({ rule_id: data.id }).whereNot('state', 'preexisting');
    expect(records.map((r: Json) => r.state)).toEqual(['sent', 'sent', 'sent']);

    // The next period holds nothing: it passes without a campaign, and the rule moves on.
    const received = smtp.received();
    await db(TABLES.publishRules)
      .where('id', data.id)
      .update({ next_digest_at: new Date(Date.now() - 1000) });
    await waitUntil('the empty period to pass', async () => {
      const row = await db(TABLES.publishRules).where('id', data.id).first('next_digest_at');
      return new Date(row.next_digest_at).getTime() > Date.now() ? true : undefined;
    });
    await sleep(2000);
    expect(await campaignsOf(data.id)).toHaveLength(1);
    expect(smtp.received()).toBe(received);
  });
});
