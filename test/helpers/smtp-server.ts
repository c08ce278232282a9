/**
 * A real SMTP server for tests and benchmarks: smtp-server on 127.0.0.1, an
 * ephemeral port, no TLS, no reverse DNS. It records what it receives and can
 * be scripted to refuse, drop or stall at a given stage of the session.
 *
 * Enhanced status codes: smtp-server's own mapping stays hidden (the default),
 * so scripted replies carry theirs in the text: failRcpt(550, '5.1.1 No such user')
 * puts `550 5.1.1 No such user` on the wire.
 */
import type { Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';

export interface Envelope {
  from: string;
  to: string[];
}

export interface CaughtMail {
  envelope: Envelope;
  raw: Buffer;
  parsed: ParsedMail;
  headers: Map<string, unknown>;
  subject?: string;
  html?: string | false;
  text?: string;
  receivedAt: Date;
}

/** What is kept of every message in both record modes. */
export interface CaughtEnvelope {
  envelope: Envelope;
  size: number;
  receivedAt: Date;
  /** When the client began this message (MAIL FROM): the moment a sender's pacing decides. */
  startedAt: Date;
}

export type RcptMatch = (rcpt: string) => boolean;
export type StallStage = 'greeting' | 'rcpt' | 'data';

export interface ScriptOptions {
  /** Only recipients for which this returns true (for DATA: any recipient of the message). */
  match?: RcptMatch;
  /** How many times the behaviour applies; Infinity by default. */
  times?: number;
}

export interface TestSmtpServer {
  host: '127.0.0.1';
  port: number;
  /** Accepted messages in arrival order (parsed mode only). */
  messages: CaughtMail[];
  /** Every accepted message, in both record modes. */
  envelopes: CaughtEnvelope[];
  /** Bodies read in full but never acknowledged (dropAfterData, stall at DATA): the server may have seen them. */
  dropped: CaughtEnvelope[];
  /** Every AUTH attempt as the client sent it, password included: tests check what reached the server. */
  auths: Array<{ method: string; username?: string; password?: string }>;
  /** Errors the server reported (socket resets and the like); useful when a test misbehaves. */
  errors: Error[];
  /** Number of accepted messages. */
  received(): number;
  /** Client sockets currently open. */
  openSockets(): number;
  /** Resolves once at least `count` messages were accepted (with `messages`, empty in count mode). */
  waitFor(count: number, timeoutMs?: number): Promise<CaughtMail[]>;
  /** Messages whose envelope recipients include address (case-insensitive). */
  to(address: string): CaughtMail[];
  /** Refuse the session with this reply instead of the greeting, e.g. failGreeting(421, '4.7.0 Try again later'). */
  failGreeting(code: number, text: string, opts?: { times?: number }): void;
  failRcpt(code: number, text: string, opts?: ScriptOptions): void;
  failMailFrom(code: number, text: string, opts?: { times?: number }): void;
  /** Reject the message after reading its body. */
  failData(code: number, text: string, opts?: ScriptOptions): void;
  failAuth(code?: number, text?: string, opts?: { times?: number }): void;
  /** Read the whole body, then destroy the socket without a final reply. */
  dropAfterData(opts?: ScriptOptions): void;
  /** Never answer at that stage (default DATA) until reset() releases or close() destroys the session. */
  stall(opts?: { stage?: StallStage } & ScriptOptions): void;
  /** Answer every DATA after ms. */
  delay(ms: number): void;
  /** Clear scripted behaviours and let stalled sessions that are still connected carry on normally. */
  reset(): void;
  /** Forget recorded messages. */
  clear(): void;
  /** Close the server and destroy every client socket, stalled ones included. */
  close(): Promise<void>;
}

export interface StartSmtpServerOptions {
  /** Only these credentials authenticate, and AUTH becomes mandatory. */
  requireAuth?: { user: string; pass: string };
  maxClients?: number;
  /** 'count' keeps envelopes only, for benchmarks that send far more mail than fits in memory. */
  record?: 'parsed' | 'count';
}

type Rule =
  | { stage: 'greeting' | 'mail' | 'auth'; action: 'fail'; code: number; text: string; left: number }
  | { stage: 'rcpt' | 'data'; action: 'fail'; code: number; text: string; match?: RcptMatch; left: number }
  | { stage: 'data'; action: 'drop'; match?: RcptMatch; left: number }
  | { stage: StallStage; action: 'stall'; match?: RcptMatch; left: number };

const smtpError = (code: number, text: string): Error => Object.assign(new Error(text), { responseCode: code });

export async function startSmtpServer(opts: StartSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const recordParsed = (opts.record ?? 'parsed') === 'parsed';
  const messages: CaughtMail[] = [];
  const envelopes: CaughtEnvelope[] = [];
  const dropped: CaughtEnvelope[] = [];
  const errors: Error[] = [];
  const auths: TestSmtpServer['auths'] = [];
  let rules: Rule[] = [];
  let dataDelayMs = 0;
  let waiters: Array<{ count: number; resolve: () => void; reject: (err: Error) => void }> = [];
  // Stalled sessions: reset() calls release, close() only needs the sockets gone.
  let stalled: Array<{ socket?: Socket; release: () => void }> = [];
  // Client sockets by remote port: every client is on 127.0.0.1, so the port identifies it.
  const sockets = new Map<number, Socket>();

  // First rule of that stage that still has uses left and matches; consumes one use.
  const take = (stage: StallStage | 'mail' | 'auth', rcpts?: string[]): Rule | undefined => {
    const rule = rules.find(
      (r) =>
        r.stage === stage && r.left > 0 && (!('match' in r) || !r.match || !rcpts || rcpts.some((a) => r.match!(a))),
    );
    if (rule) rule.left -= 1;
    return rule;
  };

  const envelopeOf = (session: SMTPServerSession): Envelope => ({
    from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
    to: session.envelope.rcptTo.map((r) => r.address),
  });

  const socketOf = (session: SMTPServerSession) => sockets.get(session.remotePort);
  const startedAt = new WeakMap<SMTPServerSession, Date>();

  const notify = () => {
    const n = envelopes.length;
    waiters = waiters.filter((w) => (n >= w.count ? (w.resolve(), false) : true));
  };

  const record = async (envelope: Envelope, raw: Buffer | undefined, size: number, started: Date) => {
    const receivedAt = new Date();
    if (raw) {
      const parsed = await simpleParser(raw);
      messages.push({
        envelope,
        raw,
        parsed,
        headers: parsed.headers as Map<string, unknown>,
        subject: parsed.subject,
        html: parsed.html,
        text: parsed.text,
        receivedAt,
      });
    }
    envelopes.push({ envelope, size, receivedAt, startedAt: started });
    notify();
  };

  // Reads the body in full; keeps the bytes only when they are going to be parsed.
  const readBody = (stream: SMTPServerDataStream, keep: boolean) =>
    new Promise<{ raw?: Buffer; size: number }>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (keep) chunks.push(chunk);
      });
      stream.on('end', () => resolve({ raw: keep ? Buffer.concat(chunks) : undefined, size }));
      stream.on('error', reject);
    });

  const authOptional = !opts.requireAuth;
  const server = new SMTPServer({
    name: 'smtp.test',
    authOptional,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true, // never reach out to DNS from a test
    maxClients: opts.maxClients,
    logger: false,

    onConnect(session, callback) {
      const rule = take('greeting');
      if (rule?.action === 'fail') return callback(smtpError(rule.code, rule.text));
      if (rule?.action === 'stall') {
        stalled.push({ socket: socketOf(session), release: () => callback() });
        return;
      }
      callback();
    },

    onAuth(auth, _session, callback) {
      auths.push({ method: auth.method, username: auth.username, password: auth.password });
      const rule = take('auth');
      if (rule?.action === 'fail') return callback(smtpError(rule.code, rule.text));
      const want = opts.requireAuth;
      if (want && (auth.username !== want.user || auth.password !== want.pass)) {
        return callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
      }
      callback(null, { user: auth.username ?? 'anonymous' });
    },

    onMailFrom(_address, session, callback) {
      startedAt.set(session, new Date());
      const rule = take('mail');
      if (rule?.action === 'fail') return callback(smtpError(rule.code, rule.text));
      callback();
    },

    onRcptTo(address, session, callback) {
      const rule = take('rcpt', [address.address]);
      if (rule?.action === 'fail') return callback(smtpError(rule.code, rule.text));
      if (rule?.action === 'stall') {
        stalled.push({ socket: socketOf(session), release: () => callback() });
        return;
      }
      callback();
    },

    onData(stream, session, callback) {
      const envelope = envelopeOf(session);
      const rule = take('data', envelope.to);
      const socket = socketOf(session);
      const answer = (err?: Error | null, message?: string) => {
        if (dataDelayMs > 0) setTimeout(() => callback(err, message), dataDelayMs);
        else callback(err, message);
      };

      const accept = async (raw: Buffer | undefined, size: number) => {
        try {
          // Parse before answering 250, so waitFor() never sees half a message.
          await record(envelope, raw, size, startedAt.get(session) ?? new Date());
          answer(null, `2.0.0 OK: queued as ${envelopes.length}`);
        } catch (err) {
          errors.push(err as Error);
          answer(smtpError(451, '4.3.0 Could not parse the message'));
        }
      };

      // Keep the bytes only for messages that may end up recorded.
      readBody(stream, recordParsed && (!rule || rule.action === 'stall')).then(
        ({ raw, size }) => {
          if (rule?.action === 'fail') return answer(smtpError(rule.code, rule.text));
          if (rule?.action !== 'drop' && rule?.action !== 'stall') return accept(raw, size);

          const seen: CaughtEnvelope = {
            envelope,
            size,
            receivedAt: new Date(),
            startedAt: startedAt.get(session) ?? new Date(),
          };
          dropped.push(seen);
          if (rule.action === 'drop') {
            socket?.destroy();
            return;
          }
          stalled.push({
            socket,
            release: () => {
              dropped.splice(dropped.indexOf(seen), 1); // delivered after all
              void accept(raw, size);
            },
          });
        },
        (err: Error) => {
          errors.push(err);
          answer(smtpError(451, '4.3.0 Could not read the message'));
        },
      );
    },
  });

  server.on('error', (err) => errors.push(err));
  server.server.on('connection', (socket: Socket) => {
    const port = socket.remotePort;
    if (port === undefined) return;
    sockets.set(port, socket);
    socket.on('close', () => sockets.delete(port));
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('SMTP test server has no TCP address');

  const api: TestSmtpServer = {
    host: '127.0.0.1',
    port: address.port,
    messages,
    envelopes,
    dropped,
    errors,
    auths,

    received: () => envelopes.length,
    openSockets: () => [...sockets.values()].filter((socket) => !socket.destroyed).length,

    waitFor(count, timeoutMs = 10_000) {
      if (envelopes.length >= count) return Promise.resolve(messages.slice());
      return new Promise((resolve, reject) => {
        const waiter = {
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(messages.slice());
          },
          reject: (err: Error) => {
            clearTimeout(timer);
            reject(err);
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(
            new Error(
              `SMTP test server: expected at least ${count} message(s) within ${timeoutMs} ms, ` +
                `got ${envelopes.length} (${dropped.length} dropped)`,
            ),
          );
        }, timeoutMs);
        waiters.push(waiter);
      });
    },

    to(address) {
      const want = address.toLowerCase();
      return messages.filter((m) => m.envelope.to.some((a) => a.toLowerCase() === want));
    },

    failGreeting(code, text, o = {}) {
      rules.push({ stage: 'greeting', action: 'fail', code, text, left: o.times ?? Infinity });
    },
    failRcpt(code, text, o = {}) {
      rules.push({ stage: 'rcpt', action: 'fail', code, text, match: o.match, left: o.times ?? Infinity });
    },
    failMailFrom(code, text, o = {}) {
      rules.push({ stage: 'mail', action: 'fail', code, text, left: o.times ?? Infinity });
    },
    failData(code, text, o = {}) {
      rules.push({ stage: 'data', action: 'fail', code, text, match: o.match, left: o.times ?? Infinity });
    },
    failAuth(code = 535, text = '5.7.8 Authentication credentials invalid', o = {}) {
      rules.push({ stage: 'auth', action: 'fail', code, text, left: o.times ?? Infinity });
    },
    dropAfterData(o = {}) {
      rules.push({ stage: 'data', action: 'drop', match: o.match, left: o.times ?? Infinity });
    },
    stall(o = {}) {
      rules.push({ stage: o.stage ?? 'data', action: 'stall', match: o.match, left: o.times ?? Infinity });
    },
    delay(ms) {
      dataDelayMs = ms;
    },

    reset() {
      rules = [];
      dataDelayMs = 0;
      const pending = stalled;
      stalled = [];
      for (const s of pending) if (s.socket && !s.socket.destroyed) s.release();
    },

    clear() {
      messages.length = 0;
      envelopes.length = 0;
      dropped.length = 0;
    },

    close() {
      rules = [];
      stalled = [];
      for (const w of waiters) w.reject(new Error(`SMTP test server closed while waiting for ${w.count} message(s)`));
      waiters = [];
      return new Promise<void>((resolve) => {
        // smtp-server waits up to closeTimeout for sessions to end; ours end now.
        server.close(() => resolve());
        for (const socket of sockets.values()) socket.destroy();
      });
    },
  };
  return api;
}
