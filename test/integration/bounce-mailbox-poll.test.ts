/**
 * The bounce mailbox as a site runs it: a real Strapi with the plugin reads a real dovecot on the
 * scheduler's beat, records what the reports say about its deliveries, and takes its turn through
 * the database. Every `feedback.bounceMailbox` key is shown to matter. SQLite only: the turn is a
 * nonce row, whose cross-dialect behaviour the webhook suites already cover.
 */
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BounceMailboxConfig } from '../../server/src/config/feedback';
import { TABLES } from '../../server/src/constants';
import { ERROR_HEADER } from '../../server/src/services/feedback/bounce-mailbox';
import { arf, dsn } from '../helpers/bounce-mail';
import { sentDeliveries } from '../helpers/feedback-events';
import { clock } from '../helpers/fixtures';
import { imapUnavailableReason, startImapServer, withImapClient, type TestImapServer } from '../helpers/imap-server';
import { bootStrapi, type TestStrapi } from '../helpers/strapi';

const reason = imapUnavailableReason();
if (reason && process.env.CI) throw new Error(`CI needs an IMAP server: ${reason}`);
if (reason) console.log(`[tests] skipping the bounce mailbox poll: ${reason}`);

const MAILBOX = 'plugin::email-campaigns.feedback.bounceMailbox';

describe.skipIf(Boolean(reason))('the bounce mailbox, read by Strapi', () => {
  let imap: TestImapServer;
  let app: TestStrapi;
  let settings: BounceMailboxConfig;
  const mailbox = () => app.strapi.plugin('email-campaigns').service('bounceMailbox');
  const db = () => app.strapi.db.connection;
  const logged: string[] = [];

  beforeAll(async () => {
    imap = await startImapServer();
    settings = {
      host: imap.host,
      port: imap.port,
      secure: false,
      auth: { user: imap.user, pass: imap.password },
      mailbox: 'Bounces',
      processedFolder: 'Done',
      failedFolder: 'Unreadable',
      intervalSeconds: 120,
      verp: { localPart: 'returns', domain: 'example.org' },
    };
    // Validated at boot like any site's config; the tests then vary one key at a time.
    app = await bootStrapi({
      db: 'sqlite',
      env: { EMAIL_CAMPAIGNS_FEEDBACK: JSON.stringify({ bounceMailbox: settings }) },
    });
    for (const level of ['info', 'warn', 'error'] as const) {
      const original = app.strapi.log[level].bind(app.strapi.log);
      app.strapi.log[level] = ((message: string) => {
        logged.push(String(message));
        return original(message);
      }) as never;
    }
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await imap?.stop();
  });

  beforeEach(async () => {
    app.strapi.config.set(MAILBOX, settings);
    // A fresh turn for every test: each starts as if the interval had long passed.
    await db()(TABLES.nonces).where({ scope: 'lease' }).delete();
    clock(app.strapi).reset();
    logged.length = 0;
  });

  const withClient = <T>(fn: (client: ImapFlow) => Promise<T>) => withImapClient(imap, fn);

  const append = (folder: string, messages: Buffer[]) =>
    withClient(async (client) => {
      const existing = new Set((await client.list()).map((entry) => entry.path));
      if (!existing.has(folder)) await client.mailboxCreate(folder);
      for (const message of messages) await client.append(folder, message);
    });

  /** The Subject of each message in a folder (the error header first for the set-aside ones). */
  const contents = (folder: string) =>
    withClient(async (client) => {
      const existing = new Set((await client.list()).map((entry) => entry.path));
      if (!existing.has(folder)) return [];
      const status = await client.status(folder, { messages: true });
      if (!status.messages) return [];
      const sources: string[] = [];
      const lock = await client.getMailboxLock(folder);
      try {
        for await (const message of client.fetch('1:*', { source: true })) sources.push(String(message.source));
      } finally {
        lock.release();
      }
      return sources;
    });

  const statusOf = async (table: string, id: number) => (await db()(table).where('id', id).first('status')).status;

  it('records DSNs and ARF reports against their deliveries, moves them, and sets a malformed one aside', async () => {
    const [hard, soft, complained] = await sentDeliveries(app.strapi, 3);
    await append('Bounces', [
      dsn({ email: hard.email, messageId: hard.messageId }),
      Buffer.from('Subject: out of office\r\n\r\nBack on Monday.\r\n'),
      dsn({ email: soft.email, messageId: soft.messageId }, '4.2.2'),
      arf({ email: complained.email, messageId: complained.messageId }),
    ]);
    // The configured mailbox is read, not INBOX: a report left there is not touched.
    await append('INBOX', [dsn({ email: soft.email, messageId: soft.messageId })]);

    expect(await mailbox().pollIfDue()).toEqual({ processed: 3, failed: 1, deferred: 0, events: 3 });

    expect(await statusOf(TABLES.deliveries, hard.id)).toBe('bounced');
    expect(await statusOf(TABLES.subscribers, hard.subscriberId)).toBe('bounced');
    // One soft bounce is not yet a verdict on the person (3 in 15 days by default).
    expect(await statusOf(TABLES.subscribers, soft.subscriberId)).toBe('subscribed');
    expect(await statusOf(TABLES.subscribers, complained.subscriberId)).toBe('complained');
    const events = await db()(TABLES.deliveryEvents).where('source', 'imap').orderBy('delivery_id').select('kind');
    expect(events.map((row: { kind: string }) => row.kind)).toEqual(['bounce_hard', 'bounce_soft', 'complaint']);

    expect(await contents('Bounces')).toEqual([]);
    expect(await contents('Done')).toHaveLength(3);
    const [unreadable] = await contents('Unreadable');
    expect(unreadable).toMatch(new RegExp(`^${ERROR_HEADER}: not a delivery or feedback report`));
    expect(unreadable).toContain('Back on Monday.');
    expect(await contents('INBOX')).toHaveLength(1);
  });

  it('takes one turn per interval across instances, measured by the clock the tests move', async () => {
    const [first, second] = await sentDeliveries(app.strapi, 2);
    await append('Bounces', [dsn({ email: first.email, messageId: first.messageId })]);
    const [a, b] = await Promise.all([mailbox().pollIfDue(), mailbox().pollIfDue()]);
    expect([a?.processed, b]).toEqual([1, null]);

    // Within the interval nothing is read, even with a report waiting.
    await append('Bounces', [dsn({ email: second.email, messageId: second.messageId })]);
    clock(app.strapi).advance(119_000);
    expect(await mailbox().pollIfDue()).toBeNull();
    expect(await statusOf(TABLES.deliveries, second.id)).toBe('sent');

    clock(app.strapi).advance(2_000);
    expect((await mailbox().pollIfDue())?.processed).toBe(1);
    expect(await statusOf(TABLES.deliveries, second.id)).toBe('bounced');

    // Another instance's turn is a row in the shared database: while it holds it, this one waits.
    await db()(TABLES.nonces).where({ scope: 'lease' }).delete();
    const now = clock(app.strapi).now();
    await db()(TABLES.nonces).insert({
      scope: 'lease',
      value: 'bounce-mailbox',
      expires_at: new Date(now.getTime() + 60_000),
      created_at: now,
      updated_at: now,
    });
    expect(await mailbox().pollIfDue()).toBeNull();
  });

  it('processes a report read twice once (a pass that died before moving it)', async () => {
    const [person] = await sentDeliveries(app.strapi, 1);
    const report = dsn({ email: person.email, messageId: person.messageId });
    await append('Bounces', [report]);
    await mailbox().pollIfDue();
    await db()(TABLES.nonces).where({ scope: 'lease' }).delete();
    await append('Bounces', [report]);
    expect((await mailbox().pollIfDue())?.processed).toBe(1);
    expect(await db()(TABLES.deliveryEvents).where('delivery_id', person.id).count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('matches a bounce quoting no Message-ID by the VERP address of the configured local part', async () => {
    const [viaVerp, viaDefault] = await sentDeliveries(app.strapi, 2);
    await append('Bounces', [
      dsn({ email: viaVerp.email, to: `returns+${viaVerp.ref}@example.org` }),
      // The default local part means nothing here: this site's return path is returns+…
      dsn({ email: viaDefault.email, to: `bounces+${viaDefault.ref}@example.org` }),
    ]);
    expect((await mailbox().pollIfDue())?.events).toBe(2);
    expect(await statusOf(TABLES.deliveries, viaVerp.id)).toBe('bounced');
    expect(await statusOf(TABLES.deliveries, viaDefault.id)).toBe('sent');
  });

  it('reports a mailbox it cannot reach, without the password, and reads nothing with bounceMailbox: false', async () => {
    app.strapi.config.set(MAILBOX, { ...settings, secure: true });
    await expect(mailbox().pollIfDue()).rejects.toThrow(/cannot connect/);

    await db()(TABLES.nonces).where({ scope: 'lease' }).delete();
    app.strapi.config.set(MAILBOX, { ...settings, auth: { user: imap.user, pass: 'wrong-password-123' } });
    await expect(mailbox().pollIfDue()).rejects.toThrow(/bounces@127\.0\.0\.1.*cannot connect/);
    expect(logged.join('\n')).not.toContain('wrong-password-123');

    await db()(TABLES.nonces).where({ scope: 'lease' }).delete();
    const [person] = await sentDeliveries(app.strapi, 1);
    await append('Bounces', [dsn({ email: person.email, messageId: person.messageId })]);
    app.strapi.config.set(MAILBOX, false);
    expect(await mailbox().pollIfDue()).toBeNull();
    expect(await contents('Bounces')).toHaveLength(1);
  });

  it('shows in Settings without its password, beside the webhook URL of every provider type', async () => {
    app.strapi.config.set('plugin::email-campaigns.feedback.webhooks', {
      brevo: { tokens: ['brevo-token-0123456789'] },
    });
    const res = await app.request('/email-campaigns/settings', { token: await app.login() });
    const text = await res.text();
    expect(text).not.toContain(imap.password);
    expect(text).not.toContain('brevo-token-0123456789');
    const { feedback } = JSON.parse(text).data;
    expect(feedback.bounceMailbox).toEqual({
      user: imap.user,
      host: imap.host,
      mailbox: 'Bounces',
      intervalSeconds: 120,
      verp: true,
    });
    expect(feedback.webhooks).toEqual(
      ['sendgrid', 'ses', 'mailgun', 'postmark', 'brevo'].map((type) => ({
        type,
        url: `${app.url}/api/email-campaigns/webhooks/${type}`,
        configured: type === 'brevo',
      })),
    );
    app.strapi.config.set('plugin::email-campaigns.feedback.webhooks', {});
  });

  it("is read on the scheduler's beat, beside the sender", async () => {
    const [person] = await sentDeliveries(app.strapi, 1);
    await append('Bounces', [dsn({ email: person.email, messageId: person.messageId })]);
    const scheduler = app.strapi.plugin('email-campaigns').service('scheduler');
    app.strapi.config.set('plugin::email-campaigns.cron', '* * * * * *');
    scheduler.start();
    try {
      const deadline = Date.now() + 10_000;
      while ((await statusOf(TABLES.deliveries, person.id)) !== 'bounced' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      await scheduler.stop();
      app.strapi.config.set('plugin::email-campaigns.cron', false);
    }
    expect(await statusOf(TABLES.deliveries, person.id)).toBe('bounced');
  });
});
