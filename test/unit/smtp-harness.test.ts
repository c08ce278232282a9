/**
 * The SMTP test server, driven by real nodemailer transports over TCP. Besides
 * checking the harness, these tests pin down how nodemailer 10.6.1 reports each
 * server behaviour; smtp-outcome.test.ts replicates the shapes seen here.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { classifySendError, classifySendInfo, type Outcome } from '../../server/src/services/sending/smtp-outcome';

interface SendError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  timeoutType?: string;
  originalCode?: string;
  rejected?: string[];
}

interface TransportOptions {
  pool?: boolean;
  auth?: { user: string; pass: string };
  greetingTimeout?: number;
  socketTimeout?: number;
}

const servers: TestSmtpServer[] = [];
const transports: Array<{ close(): void }> = [];

async function server(opts?: Parameters<typeof startSmtpServer>[0]): Promise<TestSmtpServer> {
  const s = await startSmtpServer(opts);
  servers.push(s);
  return s;
}

function transport(s: { port: number }, opts: TransportOptions = {}) {
  // The pool must not resend on its own after a drop: the outbox decides (docs/architecture.md, "Outcome rules").
  const t = opts.pool
    ? nodemailer.createTransport({ host: '127.0.0.1', port: s.port, ...opts, pool: true, maxRequeues: 0 })
    : nodemailer.createTransport({ host: '127.0.0.1', port: s.port, ...opts, pool: false });
  transports.push(t);
  return t;
}

const mail = (to: string | string[] = 'reader@example.test') => ({
  from: { name: 'News', address: 'news@example.test' },
  to,
  subject: 'Hello',
  text: 'Plain body',
});

/** The error sendMail rejected with; fails the test if it resolved. */
async function sendError(t: ReturnType<typeof transport>, message = mail()): Promise<SendError> {
  try {
    const info = await t.sendMail(message);
    throw new Error(`expected sendMail to fail, it resolved with ${info.response}`);
  } catch (err) {
    return err as SendError;
  }
}

afterEach(async () => {
  for (const t of transports.splice(0)) t.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe.each([
  { name: 'single connection', pool: false },
  { name: 'pool', pool: true },
])('test SMTP server with nodemailer ($name)', ({ pool }) => {
  it('round-trips a message with headers, html and text', async () => {
    const s = await server();
    const info = await transport(s, { pool }).sendMail({
      ...mail('Reader@Example.test'),
      subject: 'Grüße from the harness',
      html: '<p>Hello <b>reader</b></p>',
      headers: { 'X-Campaign-Id': 'c-42' },
      list: { unsubscribe: { url: 'https://example.test/u/abc', comment: 'Unsubscribe' } },
    });

    expect(info.response).toMatch(/^250 2\.0\.0 /);
    expect(classifySendInfo(info)).toEqual({ kind: 'sent', messageId: info.messageId, response: info.response });

    const [caught] = await s.waitFor(1);
    // nodemailer lowercases the domain, smtp-server keeps what it got
    expect(caught.envelope).toEqual({ from: 'news@example.test', to: ['Reader@example.test'] });
    expect(caught.subject).toBe('Grüße from the harness');
    expect(caught.html).toContain('<b>reader</b>');
    expect(caught.text).toBe('Plain body');
    expect(caught.headers.get('x-campaign-id')).toBe('c-42');
    // mailparser folds List-* into headers.get('list'); the raw line is in headerLines
    const unsubscribe = caught.parsed.headerLines.find((h) => h.key === 'list-unsubscribe');
    expect(unsubscribe?.line).toContain('<https://example.test/u/abc>');
    expect(caught.parsed.messageId).toBe(info.messageId);
    expect(caught.raw.toString()).toContain('Subject:');
    expect(s.to('reader@EXAMPLE.test')).toHaveLength(1);
    expect(s.to('nobody@example.test')).toHaveLength(0);
    expect(s.received()).toBe(1);
  });

  // [server script, what nodemailer reports, what the outbox makes of it]
  const scripted: Array<{
    name: string;
    script: (s: TestSmtpServer) => void;
    expected: Partial<SendError>;
    outcome: Outcome['kind'];
  }> = [
    {
      name: '421 instead of the greeting',
      script: (s) => s.failGreeting(421, 'smtp.test Service not available'),
      expected: {
        code: 'EPROTOCOL',
        responseCode: 421,
        command: 'CONN',
        response: '421 smtp.test Service not available',
      },
      outcome: 'retry',
    },
    {
      name: '421 4.7.0 instead of the greeting',
      script: (s) => s.failGreeting(421, '4.7.0 Try again later, closing connection'),
      expected: { code: 'EPROTOCOL', responseCode: 421, command: 'CONN' },
      outcome: 'provider-paused',
    },
    {
      name: '550 5.1.1 to RCPT',
      script: (s) => s.failRcpt(550, '5.1.1 No such user'),
      expected: { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', response: '550 5.1.1 No such user' },
      outcome: 'bounced',
    },
    {
      name: '452 4.5.3 to RCPT',
      script: (s) => s.failRcpt(452, '4.5.3 Too many recipients'),
      expected: { code: 'EENVELOPE', responseCode: 452, command: 'RCPT TO' },
      outcome: 'retry',
    },
    {
      name: '421 to RCPT',
      script: (s) => s.failRcpt(421, 'Service not available, closing channel'),
      expected: { code: 'ECONNECTION', responseCode: 421, command: 'CONN' },
      outcome: 'retry',
    },
    {
      name: '550 5.4.5 to MAIL FROM',
      script: (s) => s.failMailFrom(550, '5.4.5 Daily user sending limit exceeded'),
      expected: { code: 'EENVELOPE', responseCode: 550, command: 'MAIL FROM' },
      outcome: 'provider-paused',
    },
    {
      name: '554 to the body',
      script: (s) => s.failData(554, 'Transaction failed'),
      expected: { code: 'EMESSAGE', responseCode: 554, command: 'DATA', response: '554 Transaction failed' },
      outcome: 'failed',
    },
    {
      name: '552 5.3.4 to the body',
      script: (s) => s.failData(552, '5.3.4 Message too big'),
      expected: { code: 'EMESSAGE', responseCode: 552, command: 'DATA' },
      outcome: 'failed',
    },
    {
      name: '451 to the body',
      script: (s) => s.failData(451, '4.3.0 Try again later'),
      expected: { code: 'EMESSAGE', responseCode: 451, command: 'DATA' },
      outcome: 'retry',
    },
  ];

  it.each(scripted)('$name', async ({ script, expected, outcome }) => {
    const s = await server();
    script(s);
    const err = await sendError(transport(s, { pool }));
    expect(err).toMatchObject(expected);
    expect(classifySendError(err).kind).toBe(outcome);
    expect(s.received()).toBe(0);
  });

  it('535 5.7.8 to AUTH, without the password anywhere', async () => {
    const s = await server();
    s.failAuth(535, '5.7.8 Authentication credentials invalid');
    const err = await sendError(transport(s, { pool, auth: { user: 'u', pass: 'hunter2-secret' } }));
    expect(err).toMatchObject({ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' });
    const outcome = classifySendError(err);
    expect(outcome).toMatchObject({ kind: 'provider-paused', code: '535 5.7.8' });
    expect(JSON.stringify(outcome)).not.toContain('hunter2');
    expect(JSON.stringify({ ...err, message: err.message })).not.toContain('hunter2');
  });

  it('applies a behaviour `times` times and only to matching recipients', async () => {
    const s = await server();
    s.failRcpt(550, '5.1.1 No such user', { match: (rcpt) => rcpt.startsWith('bad'), times: 1 });
    const t = transport(s, { pool });

    const partial = await t.sendMail(mail(['good@example.test', 'bad@example.test']));
    expect(partial.accepted).toEqual(['good@example.test']);
    expect(partial.rejected).toEqual(['bad@example.test']);
    expect(partial.rejectedErrors?.[0]).toMatchObject({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' });
    expect(classifySendInfo(partial).kind).toBe('sent');

    await t.sendMail(mail('bad@example.test')); // the one use is spent
    expect(s.received()).toBe(2);
    expect(s.to('bad@example.test')).toHaveLength(1);
  });

  it('drops the connection after reading the body: unknown, recorded as dropped', async () => {
    const s = await server();
    s.dropAfterData({ times: 1 });
    const err = await sendError(transport(s, { pool }));
    expect(err).toMatchObject({ code: 'ECONNECTION', command: 'CONN', message: 'Connection closed unexpectedly' });
    expect(err.responseCode).toBeUndefined();
    expect(classifySendError(err).kind).toBe('unknown');
    expect(s.received()).toBe(0);
    expect(s.dropped).toHaveLength(1);
    expect(s.dropped[0].envelope.to).toEqual(['reader@example.test']);
  });

  it('stalls the greeting until the client gives up: retry', async () => {
    const s = await server();
    s.stall({ stage: 'greeting' });
    const err = await sendError(transport(s, { pool, greetingTimeout: 200 }));
    expect(err).toMatchObject({ code: 'ETIMEDOUT', command: 'CONN', timeoutType: 'GREETING_TIMEOUT' });
    expect(classifySendError(err).kind).toBe('retry');
  });

  it('stalls RCPT and the final reply alike: nodemailer cannot tell them apart', async () => {
    const s = await server();
    s.stall({ stage: 'rcpt', times: 1 });
    const atRcpt = await sendError(transport(s, { pool, socketTimeout: 250 }));
    s.stall({ stage: 'data', times: 1 });
    const afterBody = await sendError(transport(s, { pool, socketTimeout: 250 }));

    for (const err of [atRcpt, afterBody]) {
      expect(err).toMatchObject({ code: 'ETIMEDOUT', command: 'CONN', timeoutType: 'SOCKET_TIMEOUT' });
      expect(classifySendError(err).kind).toBe('unknown');
    }
    expect(s.dropped).toHaveLength(1); // only the DATA stall saw the body
  });

  it('answers DATA after delay(ms)', async () => {
    const s = await server();
    s.delay(150);
    const started = Date.now();
    await transport(s, { pool }).sendMail(mail());
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('test SMTP server', () => {
  it('closes quickly with a stalled session open', async () => {
    const s = await startSmtpServer();
    s.stall({ stage: 'data' });
    const t = nodemailer.createTransport({ host: '127.0.0.1', port: s.port });
    const sending = t.sendMail(mail()).catch((err: SendError) => err);
    await waitUntil(() => s.dropped.length === 1);
    expect(s.openSockets()).toBe(1);

    const started = Date.now();
    await s.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(s.openSockets()).toBe(0);
    expect(await sending).toMatchObject({ code: 'ECONNECTION' });
    t.close();
  });

  it('reset() lets a stalled session carry on', async () => {
    const s = await server();
    s.stall({ stage: 'data' });
    const t = transport(s);
    const sending = t.sendMail(mail());
    await waitUntil(() => s.dropped.length === 1);
    s.reset();
    const info = await sending;
    expect(info.response).toMatch(/^250 /);
    expect(s.dropped).toHaveLength(0);
    expect(s.messages).toHaveLength(1);
  });

  it('requireAuth accepts only the configured credentials', async () => {
    const s = await server({ requireAuth: { user: 'user', pass: 'right' } });
    await expect(transport(s, { auth: { user: 'user', pass: 'right' } }).sendMail(mail())).resolves.toBeTruthy();

    const wrong = await sendError(transport(s, { auth: { user: 'user', pass: 'wrong-pass' } }));
    expect(wrong).toMatchObject({ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' });

    const none = await sendError(transport(s));
    expect(none).toMatchObject({ code: 'EENVELOPE', responseCode: 530, command: 'MAIL FROM' });
    expect(classifySendError(none).kind).toBe('provider-paused');
  });

  it("record: 'count' keeps envelopes only", async () => {
    const s = await server({ record: 'count' });
    const t = transport(s, { pool: true });
    await Promise.all([1, 2, 3].map((i) => t.sendMail(mail(`r${i}@example.test`))));
    await s.waitFor(3);
    expect(s.received()).toBe(3);
    expect(s.messages).toHaveLength(0);
    expect(s.envelopes.map((e) => e.envelope.to[0]).sort()).toEqual([
      'r1@example.test',
      'r2@example.test',
      'r3@example.test',
    ]);
    expect(s.envelopes[0].size).toBeGreaterThan(100);
  });

  it('waitFor() rejects with a clear message on timeout; clear() forgets messages', async () => {
    const s = await server();
    await transport(s).sendMail(mail());
    await expect(s.waitFor(2, 100)).rejects.toThrow('expected at least 2 message(s) within 100 ms, got 1');
    s.clear();
    expect(s.received()).toBe(0);
    expect(s.messages).toHaveLength(0);
  });

  it('a reused pooled connection that fails before the body reports only "maximum number of retries"', async () => {
    const s = await server();
    const t = transport(s, { pool: true });
    await t.sendMail(mail());
    s.failRcpt(421, '4.7.0 Try again later, closing connection');
    const err = await sendError(t, mail('second@example.test'));
    expect(err.message).toBe('Reached maximum number of retries after connection was closed');
    expect(err.code).toBe('ECONNECTION');
    expect(err.responseCode).toBeUndefined(); // the 421 is lost
    // nodemailer only gives up this way before the message was handed over: safe to retry.
    expect(classifySendError(err).kind).toBe('retry');
  });

  it('maxClients refuses the extra session with 421: retry', async () => {
    const s = await server({ maxClients: 1 });
    const occupant = net.connect(s.port, '127.0.0.1');
    await new Promise((resolve) => occupant.once('data', resolve)); // its greeting
    const err = await sendError(transport(s));
    expect(err).toMatchObject({ code: 'EPROTOCOL', responseCode: 421, command: 'CONN' });
    expect(err.response).toContain('Too many connected clients');
    expect(classifySendError(err).kind).toBe('retry');
    occupant.destroy();
  });

  it('connection refused: retry', async () => {
    const port = await freePort();
    for (const pool of [false, true]) {
      const err = await sendError(transport({ port }, { pool }));
      expect(err).toMatchObject({ code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' });
      expect(classifySendError(err)).toMatchObject({ kind: 'retry', code: 'ECONNREFUSED' });
    }
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('waitUntil timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A port nothing listens on: bind an ephemeral one, then release it. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
