/**
 * One pass over the bounce mailbox: read every waiting message (oldest UID first, bounded per
 * run), hand the events of each DSN or ARF report to the caller, then move the message to the
 * processed folder. Nothing is ever deleted unread; a message that is no report is set aside with
 * its reason. The caller schedules the passes and makes handling idempotent: a pass that dies
 * between handling a message and moving it hands the same events again next time.
 */
import { ImapFlow } from 'imapflow';
import type { FeedbackEvent } from './event';
import { parseBounceReport } from './bounce-report';

export interface MailboxLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface BounceMailboxOptions {
  host: string;
  port: number;
  /** TLS from the first byte (993). When false, imapflow still upgrades with STARTTLS if offered. */
  secure?: boolean;
  auth: { user: string; pass: string };
  /** Where bounces arrive. Default `INBOX`. */
  mailbox?: string;
  /** Where handled reports go. Created when missing. Default `Processed`. */
  processedFolder?: string;
  /** Where messages that are no report go, marked with the reason. Created when missing. Default `Unprocessable`. */
  failedFolder?: string;
  /** Messages read per pass; the rest wait for the next one. Default 500. */
  maxMessages?: number;
  /** Larger messages are set aside unread: a report is a few kilobytes plus the returned message. */
  maxMessageBytes?: number;
  /** See BounceReportOptions.verpLocalPart. */
  verpLocalPart?: string;
  logger: MailboxLogger;
}

export interface BounceMailboxRun {
  /** Reports handled and moved to the processed folder. */
  processed: number;
  /** Messages set aside in the failed folder. */
  failed: number;
  /** Reports whose handler threw: left in the mailbox for the next pass. */
  deferred: number;
  /** Events handed to the handler by the processed reports. */
  events: number;
}

/** The header a set-aside message carries, so whoever opens the failed folder reads why. */
export const ERROR_HEADER = 'X-Email-Campaigns-Error';

const DEFAULTS = { mailbox: 'INBOX', processedFolder: 'Processed', failedFolder: 'Unprocessable' };
const MAX_MESSAGES = 500;
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export async function readBounceMailbox(
  options: BounceMailboxOptions,
  handle: (events: FeedbackEvent[]) => Promise<void>,
): Promise<BounceMailboxRun> {
  const mailbox = options.mailbox ?? DEFAULTS.mailbox;
  const processedFolder = options.processedFolder ?? DEFAULTS.processedFolder;
  const failedFolder = options.failedFolder ?? DEFAULTS.failedFolder;
  if (processedFolder === mailbox || failedFolder === mailbox) {
    throw new Error(`bounce mailbox: the processed and failed folders must differ from "${mailbox}"`);
  }
  // Named by user, host and folder only: the password stays out of every log line.
  const where = `bounce mailbox ${options.auth.user}@${options.host}:${options.port}/${mailbox}`;
  const { logger } = options;

  const client = new ImapFlow({
    host: options.host,
    port: options.port,
    secure: options.secure ?? options.port === 993,
    auth: { user: options.auth.user, pass: options.auth.pass },
    logger: false,
    // A pass is a few commands then LOGOUT: IDLE in between would only add round trips.
    disableAutoIdle: true,
  });
  // Without a listener a dropped socket would be an uncaught 'error' event and end the process.
  client.on('error', (error: Error) => logger.warn(`${where}: ${describe(error)}`));
  try {
    await client.connect();
  } catch (error) {
    client.close();
    throw new Error(`${where}: cannot connect: ${describe(error)}`);
  }

  const pass: Pass = {
    client,
    where,
    logger,
    handle,
    processedFolder,
    failedFolder,
    maxMessageBytes: options.maxMessageBytes ?? MAX_MESSAGE_BYTES,
    verpLocalPart: options.verpLocalPart,
    run: { processed: 0, failed: 0, deferred: 0, events: 0 },
  };
  try {
    await ensureFolders(client, [processedFolder, failedFolder], logger);
    const lock = await client.getMailboxLock(mailbox);
    try {
      const found = (await client.search({ all: true }, { uid: true })) || [];
      const uids = found.sort((a, b) => a - b).slice(0, options.maxMessages ?? MAX_MESSAGES);
      const waiting = await describeMessages(client, uids);
      for (const uid of uids) {
        const message = waiting.get(uid);
        if (message) await take(pass, uid, message); // else expunged by someone else since the search
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }

  const { run } = pass;
  if (run.processed + run.failed + run.deferred > 0) {
    logger.info(
      `${where}: ${run.processed} processed (${run.events} events), ` +
        `${run.failed} set aside, ${run.deferred} left for the next pass`,
    );
  }
  return run;
}

/** One pass's connection, settings and counts. */
interface Pass {
  client: ImapFlow;
  where: string;
  logger: MailboxLogger;
  handle: (events: FeedbackEvent[]) => Promise<void>;
  processedFolder: string;
  failedFolder: string;
  maxMessageBytes: number;
  verpLocalPart?: string;
  run: BounceMailboxRun;
}

interface Waiting {
  size: number;
  flags: string[];
  internalDate?: Date;
}

/** Sizes, flags and dates in one command; sources are then fetched one at a time, so memory holds one. */
async function describeMessages(client: ImapFlow, uids: number[]): Promise<Map<number, Waiting>> {
  const waiting = new Map<number, Waiting>();
  if (uids.length === 0) return waiting;
  for await (const message of client.fetch(uids, { size: true, flags: true, internalDate: true }, { uid: true })) {
    waiting.set(message.uid, {
      size: message.size ?? 0,
      flags: [...(message.flags ?? [])].filter((flag) => flag !== '\\Recent' && flag !== '\\Deleted'),
      internalDate: message.internalDate ? new Date(message.internalDate) : undefined,
    });
  }
  return waiting;
}

async function take(pass: Pass, uid: number, waiting: Waiting): Promise<void> {
  const { client, where, logger, run } = pass;
  if (waiting.size > pass.maxMessageBytes) {
    // Too large to download for a header: moved untouched, the reason is in our log only.
    await move(client, uid, pass.failedFolder);
    logger.warn(`${where}: UID ${uid} set aside unread: ${waiting.size} bytes > ${pass.maxMessageBytes}`);
    run.failed += 1;
    return;
  }
  const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
  if (!message || !message.source) return;

  const result = await parseBounceReport(message.source, {
    receivedAt: waiting.internalDate,
    verpLocalPart: pass.verpLocalPart,
  });
  if (!result.ok) {
    await setAside(client, uid, message.source, result.reason, pass.failedFolder, waiting);
    logger.warn(`${where}: UID ${uid} moved to ${pass.failedFolder}: ${result.reason}`);
    run.failed += 1;
    return;
  }
  if (result.events.length > 0) {
    try {
      await pass.handle(result.events);
    } catch (error) {
      logger.warn(`${where}: UID ${uid} left for the next pass: ${describe(error)}`);
      run.deferred += 1;
      return;
    }
  }
  await move(client, uid, pass.processedFolder);
  run.processed += 1;
  run.events += result.events.length;
}

async function ensureFolders(client: ImapFlow, folders: string[], logger: MailboxLogger): Promise<void> {
  const existing = new Set((await client.list()).map((entry) => entry.path));
  for (const folder of folders) {
    if (existing.has(folder)) continue;
    await client.mailboxCreate(folder);
    // Subscribed, so that the person who opens the mailbox in a mail client sees the folder.
    await client.mailboxSubscribe(folder);
    logger.info(`bounce mailbox: created folder ${folder}`);
  }
}

async function move(client: ImapFlow, uid: number, folder: string): Promise<void> {
  if (!(await client.messageMove(String(uid), folder, { uid: true }))) {
    throw new Error(`bounce mailbox: could not move UID ${uid} to ${folder}`);
  }
}

/**
 * IMAP cannot edit a stored message, so the reason goes into a copy: APPEND the message with an
 * X-Email-Campaigns-Error header to the failed folder, and expunge the original only once the
 * server confirmed the copy. A keyword flag would survive a plain MOVE, but keywords are single
 * atoms (no room for a reason), some servers refuse new ones, and most mail clients hide them;
 * a header is read wherever the message is opened. A crash between the two steps leaves the
 * original in place and a duplicate in the failed folder: two copies, never none.
 */
async function setAside(
  client: ImapFlow,
  uid: number,
  source: Buffer,
  reason: string,
  folder: string,
  waiting: Waiting,
): Promise<void> {
  const newline = source.includes('\r\n') ? '\r\n' : '\n';
  // One printable ASCII line, short of the 998-character limit of RFC 5322.
  const value = reason
    .replace(/[^\x20-\x7e]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 900);
  const marked = Buffer.concat([Buffer.from(`${ERROR_HEADER}: ${value}${newline}`), source]);
  if (!(await client.append(folder, marked, waiting.flags, waiting.internalDate))) {
    throw new Error(`bounce mailbox: could not copy UID ${uid} to ${folder}`);
  }
  if (!(await client.messageDelete(String(uid), { uid: true }))) {
    throw new Error(`bounce mailbox: UID ${uid} was copied to ${folder} but could not be removed`);
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // imapflow puts the server's words (e.g. "Authentication failed.") beside a generic message.
  const responseText = 'responseText' in error ? error.responseText : undefined;
  return typeof responseText === 'string' && responseText ? `${error.message}: ${responseText}` : error.message;
}
