import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ERROR_HEADER,
  readBounceMailbox,
  type BounceMailboxOptions,
} from '../../server/src/services/feedback/bounce-mailbox';
import type { FeedbackEvent } from '../../server/src/services/feedback/event';
import { imapUnavailableReason, startImapServer, withImapClient, type TestImapServer } from '../helpers/imap-server';

// The bounce mailbox against a real dovecot: what it moves, where, and what the server holds afterwards.
const reason = imapUnavailableReason();
if (reason && process.env.CI) throw new Error(`CI needs an IMAP server: ${reason}`);
if (reason) console.log(`[tests] skipping the bounce mailbox: ${reason}`);

// IMAP speaks CRLF; the fixtures are stored with LF.
const fixture = (name: string) =>
  Buffer.from(
    readFileSync(path.join(__dirname, '..', 'fixtures', 'bounce-mail', name), 'utf8').replace(/\r?\n/g, '\r\n'),
  );
const REPORTS = [
  'postfix-hard-5.1.1.eml',
  'postfix-delayed-4.2.2.eml',
  'sendmail-multi-recipient.eml',
  'yahoo-arf-abuse.eml',
  'exim-verp-bounce.eml',
];
// Bytes that are no message at all (no NUL: plain IMAP literals may not carry one).
const GARBAGE = Buffer.from([0xff, 0xfe, 0x0d, 0x0a, 0x3a, 0x01, 0x02, 0x80, 0xc3, 0x28, 0x0d, 0x0a]);

interface Stored {
  uid: number;
  messageId: string | null;
  source: Buffer;
}

describe.skipIf(Boolean(reason))('bounce mailbox against dovecot', () => {
  let server: TestImapServer;
  const logged: string[] = [];

  beforeAll(async () => {
    server = await startImapServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const options = (overrides: Partial<BounceMailboxOptions> = {}): BounceMailboxOptions => ({
    host: server.host,
    port: server.port,
    secure: false,
    auth: { user: server.user, pass: server.password },
    logger: { info: (line) => logged.push(line), warn: (line) => logged.push(line) },
    ...overrides,
  });

  const withClient = <T>(fn: (client: ImapFlow) => Promise<T>) => withImapClient(server, fn);

  const append = (folder: string, messages: Buffer[]) =>
    withClient(async (client) => {
      if (folder !== 'INBOX') await client.mailboxCreate(folder);
      for (const message of messages) await client.append(folder, message);
    });

  /** What the server holds in a folder, in UID order. */
  const stored = (folder: string) =>
    withClient(async (client) => {
      const status = await client.status(folder, { messages: true });
      if (!status.messages) return [];
      const lock = await client.getMailboxLock(folder);
      try {
        const messages: Stored[] = [];
        for await (const message of client.fetch('1:*', { uid: true, source: true, envelope: true })) {
          const source = message.source ?? Buffer.alloc(0);
          messages.push({ uid: message.uid, messageId: message.envelope?.messageId ?? null, source });
        }
        return messages.sort((a, b) => a.uid - b.uid);
      } finally {
        lock.release();
      }
    });

  const ids = (messages: Stored[]) => messages.map((message) => message.messageId);

  it('handles each report once, moves it to Processed and sets the others aside with their reason', async () => {
    // The unusable messages sit between the reports: they must not stop the ones after them.
    const [hard, delayed, multi, arf, verp] = REPORTS.map(fixture);
    await append('INBOX', [hard, fixture('autoreply.eml'), delayed, GARBAGE, multi, arf, fixture('truncated-dsn.eml')]);
    await append('INBOX', [verp]);

    const handled: FeedbackEvent[][] = [];
    const run = await readBounceMailbox(options(), async (events) => void handled.push(events));

    expect(run).toEqual({ processed: 5, failed: 3, deferred: 0, events: 7 });
    expect(handled.map((events) => events.map((event) => `${event.kind} ${event.email}`))).toEqual([
      ['bounce_hard nobody@example.net'],
      ['bounce_soft full.box@example.com'],
      ['bounce_hard gone@example.com', 'bounce_hard blocked@example.net', 'bounce_soft slow@example.edu'],
      ['complaint reader@yahoo.com'],
      ['bounce_hard left@example.com'],
    ]);
    expect(handled.flat().every((event) => event.source === 'imap')).toBe(true);
    expect(handled[3][0]).toMatchObject({ deliveryRef: 'd57.c3.Zx9_kQ-2', messageId: 'd57.c3.7f3a9c@example.org' });
    expect(handled[4][0].deliveryRef).toBe('d42.c7.AbC-xyz_09');

    expect(await stored('INBOX')).toEqual([]);
    expect(ids(await stored('Processed'))).toEqual([
      '<20251014071244.4ZyQ1h0dJvz9sWm@mail.example.org>',
      '<20251015114002.8A1C21204B6@mail.example.org>',
      '<202510161037.59FAb1rT012345@relay.example.org>',
      '<1760713331.302251.arf@mta4002.mail.gq1.yahoo.com>',
      '<E1vA2bC-0003Xy-1Q@mx.example.org>',
    ]);

    // Set aside, not lost: each copy is the original bytes under one added header naming the reason.
    const failed = await stored('Unprocessable');
    const originals = [fixture('autoreply.eml'), GARBAGE, fixture('truncated-dsn.eml')];
    const firstLine = (source: Buffer) => source.subarray(0, source.indexOf('\r\n')).toString('utf8');
    expect(failed.map((message) => firstLine(message.source))).toEqual([
      `${ERROR_HEADER}: not a delivery or feedback report (Content-Type: text/plain)`,
      `${ERROR_HEADER}: not a mail message: no header fields`,
      `${ERROR_HEADER}: the delivery-status part names no recipient`,
    ]);
    failed.forEach(({ source }, index) => {
      expect(source.subarray(source.indexOf('\r\n') + 2).equals(originals[index])).toBe(true);
    });
    expect(logged.some((line) => line.includes('moved to Unprocessable: the delivery-status part'))).toBe(true);

    // A second pass finds nothing: no message is handled twice.
    const again: FeedbackEvent[][] = [];
    expect(await readBounceMailbox(options(), async (events) => void again.push(events))).toEqual({
      processed: 0,
      failed: 0,
      deferred: 0,
      events: 0,
    });
    expect(again).toEqual([]);
    expect((await stored('Processed')).length).toBe(5);
  });

  it('leaves a report whose handler throws in the mailbox for the next pass', async () => {
    await append('Retry', [fixture('postfix-hard-5.1.1.eml'), fixture('yahoo-arf-abuse.eml')]);
    const folders = { mailbox: 'Retry', processedFolder: 'Retry-done', failedFolder: 'Retry-failed' };
    const failing = async (events: FeedbackEvent[]) => {
      if (events[0].kind === 'complaint') throw new Error('database is away');
    };

    expect(await readBounceMailbox(options(folders), failing)).toEqual({
      processed: 1,
      failed: 0,
      deferred: 1,
      events: 1,
    });
    expect(ids(await stored('Retry'))).toEqual(['<1760713331.302251.arf@mta4002.mail.gq1.yahoo.com>']);
    expect(ids(await stored('Retry-done'))).toEqual(['<20251014071244.4ZyQ1h0dJvz9sWm@mail.example.org>']);
    expect(logged.some((line) => line.includes('left for the next pass: database is away'))).toBe(true);

    const handled: FeedbackEvent[][] = [];
    const run = await readBounceMailbox(options(folders), async (events) => void handled.push(events));
    expect(run).toMatchObject({ processed: 1, deferred: 0 });
    expect(handled.flat().map((event) => event.kind)).toEqual(['complaint']);
    expect(await stored('Retry')).toEqual([]);
  });

  it('reads at most maxMessages per pass, oldest UID first, and sets oversized messages aside unread', async () => {
    const folders = { mailbox: 'Batch', processedFolder: 'Batch-done', failedFolder: 'Batch-failed' };
    await append('Batch', REPORTS.slice(0, 3).map(fixture));

    expect(await readBounceMailbox(options({ ...folders, maxMessages: 2 }), async () => {})).toMatchObject({
      processed: 2,
    });
    expect(ids(await stored('Batch'))).toEqual(['<202510161037.59FAb1rT012345@relay.example.org>']);

    expect(await readBounceMailbox(options({ ...folders, maxMessageBytes: 500 }), async () => {})).toMatchObject({
      processed: 0,
      failed: 1,
    });
    const [oversized] = await stored('Batch-failed');
    expect(oversized.source.toString('utf8').startsWith(ERROR_HEADER)).toBe(false);
    expect(oversized.messageId).toBe('<202510161037.59FAb1rT012345@relay.example.org>');
  });

  it('refuses a wrong password without writing any password to the log', async () => {
    const wrong = 'not-the-password-123';
    const attempt = readBounceMailbox(options({ auth: { user: server.user, pass: wrong } }), async () => {});
    const error = await attempt.then(
      () => new Error('connected with a wrong password'),
      (refused: Error) => refused,
    );
    expect(error.message).toMatch(/cannot connect: .*Authentication failed/);
    expect(error.message).not.toContain(wrong);
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) {
      expect(line).not.toContain(server.password);
      expect(line).not.toContain(wrong);
    }
  });
});
