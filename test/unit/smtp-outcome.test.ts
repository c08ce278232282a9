/**
 * classifySendError / classifySendInfo on errors shaped exactly as nodemailer 10.6.1
 * produces them (captured against smtp-server in smtp-harness.test.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_ATTEMPTS,
  PAUSE_SECONDS,
  classifySendError,
  classifySendInfo,
  retryDelaySeconds,
  type Outcome,
} from '../../server/src/services/sending/smtp-outcome';

// ---- nodemailer's error shapes -------------------------------------------

const withFields = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

/** An error nodemailer built from a server reply (its _formatError). */
function replyError(
  code: string,
  prefix: string,
  response: string,
  command: string,
  extra: Record<string, unknown> = {},
) {
  const responseCode = Number(response.slice(0, 3));
  return withFields(`${prefix}: ${response}`, {
    code,
    response,
    responseCode,
    permanent: responseCode >= 500,
    command,
    ...extra,
  });
}

const greeting = (response: string) =>
  replyError('EPROTOCOL', `Invalid greeting. response=${response}`, response, 'CONN');
const mailFrom = (response: string) => replyError('EENVELOPE', 'Mail command failed', response, 'MAIL FROM');
const auth = (response: string, method = 'PLAIN') => replyError('EAUTH', 'Invalid login', response, `AUTH ${method}`);
const data = (response: string) => replyError('EMESSAGE', 'Message failed', response, 'DATA');
/** Every recipient refused: the last reply on the error, each one in rejectedErrors. */
const rcpt = (response: string, recipient = 'reader@example.test') =>
  replyError('EENVELOPE', "Can't send mail - all recipients were rejected", response, 'RCPT TO', {
    rejected: [recipient],
    rejectedErrors: [replyError('EENVELOPE', 'Recipient command failed', response, 'RCPT TO', { recipient })],
  });
/** A 421 that closes the session mid-transaction (nodemailer's _onServerClosing). */
const closing421 = (response: string) => replyError('ECONNECTION', 'Server closed the connection', response, 'CONN');

const refused = withFields('connect ECONNREFUSED 127.0.0.1:2525', {
  errno: -111,
  code: 'ESOCKET',
  syscall: 'connect',
  address: '127.0.0.1',
  port: 2525,
  originalCode: 'ECONNREFUSED',
  command: 'CONN',
});
const timeout = (message: string, timeoutType: string) =>
  withFields(message, { timeoutType, code: 'ETIMEDOUT', command: 'CONN' });
const closedUnexpectedly = withFields('Connection closed unexpectedly', { code: 'ECONNECTION', command: 'CONN' });
const poolMaxRetries = withFields('Reached maximum number of retries after connection was closed', {
  code: 'ECONNECTION',
});

// ---- the table --------------------------------------------------------------

type Expected =
  | { kind: 'retry' | 'failed' | 'unknown'; code?: string }
  | { kind: 'bounced'; code: string }
  | { kind: 'provider-paused'; code?: string; pauseSeconds: number };

const cases: Array<[name: string, err: unknown, expected: Expected]> = [
  // greeting
  ['421 greeting', greeting('421 smtp.test Service not available'), { kind: 'retry', code: '421' }],
  [
    '421 4.7.0 greeting (Gmail throttling)',
    greeting('421 4.7.0 Try again later, closing connection'),
    { kind: 'provider-paused', code: '421 4.7.0', pauseSeconds: PAUSE_SECONDS.throttle },
  ],
  [
    '554 5.7.1 greeting (our IP blocked)',
    greeting('554 5.7.1 Your IP is blocked'),
    { kind: 'provider-paused', code: '554 5.7.1', pauseSeconds: PAUSE_SECONDS.policy },
  ],

  // RCPT, temporary
  ['421 to RCPT', closing421('421 Service not available, closing channel'), { kind: 'retry', code: '421' }],
  [
    '450 4.2.1 to RCPT (receiving too quickly)',
    rcpt('450 4.2.1 Receiving mail too quickly'),
    { kind: 'retry', code: '450 4.2.1' },
  ],
  ['451 4.3.0 to RCPT', rcpt('451 4.3.0 Temporary failure'), { kind: 'retry', code: '451 4.3.0' }],
  [
    '452 4.5.3 to RCPT (too many recipients)',
    rcpt('452 4.5.3 Too many recipients'),
    { kind: 'retry', code: '452 4.5.3' },
  ],
  [
    '452 4.2.2 to RCPT (mailbox full)',
    rcpt('452 4.2.2 The email account that you tried to reach is over quota'),
    { kind: 'retry', code: '452 4.2.2' },
  ],
  [
    '450 4.7.1 to RCPT (greylisted)',
    rcpt('450 4.7.1 Recipient address rejected: Greylisted, try again'),
    { kind: 'retry', code: '450 4.7.1' },
  ],
  [
    '552 to RCPT without an enhanced code (RFC 5321 4.5.3.1.10)',
    rcpt('552 Too many recipients'),
    { kind: 'retry', code: '552' },
  ],

  // RCPT, the recipient's problem
  ['550 5.1.1 to RCPT', rcpt('550 5.1.1 No such user'), { kind: 'bounced', code: '550 5.1.1' }],
  ['550 5.1.2 to RCPT', rcpt('550 5.1.2 Bad destination system address'), { kind: 'bounced', code: '550 5.1.2' }],
  [
    '550 5.1.10 to RCPT (null MX)',
    rcpt('550 5.1.10 Recipient address rejected: domain has a null MX'),
    { kind: 'bounced', code: '550 5.1.10' },
  ],
  ['553 5.1.3 to RCPT', rcpt('553 5.1.3 Bad recipient address syntax'), { kind: 'bounced', code: '553 5.1.3' }],
  [
    '550 5.2.1 to RCPT (disabled)',
    rcpt('550 5.2.1 The email account that you tried to reach is disabled'),
    { kind: 'bounced', code: '550 5.2.1' },
  ],
  ['550 without an enhanced code to RCPT', rcpt('550 User unknown'), { kind: 'bounced', code: '550' }],
  ['551 to RCPT', rcpt('551 User not local'), { kind: 'bounced', code: '551' }],
  ['552 5.2.2 to RCPT (mailbox full: soft)', rcpt('552 5.2.2 Mailbox full'), { kind: 'retry', code: '552 5.2.2' }],
  [
    '550 5.7.1 to RCPT, recipient policy',
    rcpt('550 5.7.1 Delivery not authorized, message refused'),
    { kind: 'failed', code: '550 5.7.1' },
  ],
  ['554 to RCPT without wording', rcpt('554 Transaction failed'), { kind: 'failed', code: '554' }],

  // RCPT, our problem
  [
    '550 5.7.1 relaying denied',
    rcpt('550 5.7.1 Relaying denied'),
    { kind: 'provider-paused', code: '550 5.7.1', pauseSeconds: PAUSE_SECONDS.policy },
  ],
  [
    '554 relay access denied',
    rcpt('554 Relay access denied'),
    { kind: 'provider-paused', code: '554', pauseSeconds: PAUSE_SECONDS.policy },
  ],
  [
    '550 5.4.5 to RCPT (Gmail daily limit)',
    rcpt('550 5.4.5 Daily user sending limit exceeded'),
    { kind: 'provider-paused', code: '550 5.4.5', pauseSeconds: PAUSE_SECONDS.quota },
  ],
  [
    '550 5.7.1 spamhaus listing to RCPT',
    rcpt('550 5.7.1 Service unavailable; client host [192.0.2.1] blocked using Spamhaus'),
    { kind: 'provider-paused', code: '550 5.7.1', pauseSeconds: PAUSE_SECONDS.policy },
  ],

  // MAIL FROM
  [
    '550 5.4.5 to MAIL FROM (Gmail daily limit)',
    mailFrom('550 5.4.5 Daily user sending limit exceeded'),
    { kind: 'provider-paused', code: '550 5.4.5', pauseSeconds: PAUSE_SECONDS.quota },
  ],
  [
    '451 4.7.0 rate limit to MAIL FROM',
    mailFrom('451 4.7.0 Temporary rate limit'),
    { kind: 'provider-paused', code: '451 4.7.0', pauseSeconds: PAUSE_SECONDS.throttle },
  ],
  [
    '454 throttling, daily quota (SES)',
    mailFrom('454 Throttling failure: Daily message quota exceeded.'),
    { kind: 'provider-paused', code: '454', pauseSeconds: PAUSE_SECONDS.quota },
  ],
  ['451 to MAIL FROM', mailFrom('451 4.3.0 Local error in processing'), { kind: 'retry', code: '451 4.3.0' }],
  [
    '530 to MAIL FROM (AUTH required)',
    mailFrom('530 Error: authentication Required'),
    { kind: 'provider-paused', code: '530', pauseSeconds: PAUSE_SECONDS.auth },
  ],
  [
    '553 5.1.8 to MAIL FROM (bad sender)',
    mailFrom('553 5.1.8 Sender address rejected: domain not found'),
    { kind: 'provider-paused', code: '553 5.1.8', pauseSeconds: PAUSE_SECONDS.policy },
  ],
  [
    '552 5.3.4 to MAIL FROM (SIZE too big)',
    mailFrom('552 5.3.4 Message size exceeds fixed limit'),
    { kind: 'failed', code: '552 5.3.4' },
  ],

  // AUTH
  [
    '535 5.7.8 to AUTH',
    auth('535 5.7.8 Authentication credentials invalid'),
    { kind: 'provider-paused', code: '535 5.7.8', pauseSeconds: PAUSE_SECONDS.auth },
  ],
  [
    '534 5.7.9 to AUTH (app password needed)',
    auth('534 5.7.9 Application-specific password required'),
    { kind: 'provider-paused', code: '534 5.7.9', pauseSeconds: PAUSE_SECONDS.auth },
  ],
  [
    '454 4.7.0 to AUTH (temporary)',
    auth('454 4.7.0 Temporary authentication failure', 'LOGIN'),
    { kind: 'provider-paused', code: '454 4.7.0', pauseSeconds: PAUSE_SECONDS.throttle },
  ],
  [
    'EAUTH without a reply',
    withFields('Missing credentials for "PLAIN"', { code: 'EAUTH', command: 'API' }),
    { kind: 'provider-paused', code: 'EAUTH', pauseSeconds: PAUSE_SECONDS.auth },
  ],
  [
    'ENOAUTH',
    withFields('Authentication info was not provided', { code: 'ENOAUTH' }),
    { kind: 'provider-paused', code: 'ENOAUTH', pauseSeconds: PAUSE_SECONDS.auth },
  ],

  // DATA: the server answered, so it was not accepted
  ['554 to the body', data('554 Transaction failed'), { kind: 'failed', code: '554' }],
  [
    '554 5.7.1 spam to the body',
    data('554 5.7.1 Message rejected as spam'),
    { kind: 'provider-paused', code: '554 5.7.1', pauseSeconds: PAUSE_SECONDS.policy },
  ],
  [
    '554 policy wording to the body',
    data('554 Message refused by local policy'),
    { kind: 'provider-paused', code: '554', pauseSeconds: PAUSE_SECONDS.policy },
  ],
  [
    '550 5.7.26 to the body (unauthenticated)',
    data('550 5.7.26 Unauthenticated email is not accepted'),
    { kind: 'provider-paused', code: '550 5.7.26', pauseSeconds: PAUSE_SECONDS.policy },
  ],
  ['552 5.3.4 to the body (too big)', data('552 5.3.4 Message too big'), { kind: 'failed', code: '552 5.3.4' }],
  [
    '552 to the body (smtp-server size limit)',
    data('552 Error: message exceeds fixed maximum message size 1000'),
    { kind: 'failed', code: '552' },
  ],
  ['550 5.6.0 to the body (content)', data('550 5.6.0 Invalid content'), { kind: 'failed', code: '550 5.6.0' }],
  [
    '550 5.1.1 to the body (late recipient check)',
    data('550 5.1.1 No such user'),
    { kind: 'bounced', code: '550 5.1.1' },
  ],
  ['451 to the body', data('451 4.3.0 Try again later'), { kind: 'retry', code: '451 4.3.0' }],
  ['452 4.2.2 to the body', data('452 4.2.2 Mailbox full'), { kind: 'retry', code: '452 4.2.2' }],
  [
    '550 rate wording to the body',
    data('550 Rate limit exceeded, too many messages'),
    { kind: 'provider-paused', code: '550', pauseSeconds: PAUSE_SECONDS.throttle },
  ],

  // no reply: before the session, it is safe to retry
  ['connection refused', refused, { kind: 'retry', code: 'ECONNREFUSED' }],
  [
    'DNS failure',
    withFields('getaddrinfo ENOTFOUND smtp.invalid', {
      code: 'EDNS',
      originalCode: 'ENOTFOUND',
      errno: -3008,
      syscall: 'getaddrinfo',
      hostname: 'smtp.invalid',
      command: 'CONN',
    }),
    { kind: 'retry', code: 'ENOTFOUND' },
  ],
  ['connect timeout', timeout('Connection timeout', 'CONNECT_TIMEOUT'), { kind: 'retry', code: 'ETIMEDOUT' }],
  ['greeting timeout', timeout('Greeting never received', 'GREETING_TIMEOUT'), { kind: 'retry', code: 'ETIMEDOUT' }],
  [
    'TLS failure',
    withFields('Error initiating TLS - wrong version number', { code: 'ETLS', command: 'CONN' }),
    { kind: 'retry', code: 'ETLS' },
  ],
  [
    'timeout labelled RCPT TO',
    withFields('Timeout', { code: 'ETIMEDOUT', command: 'RCPT TO' }),
    { kind: 'retry', code: 'ETIMEDOUT' },
  ],
  ['pool closed before sending', new Error('Connection pool was closed'), { kind: 'retry' }],

  // no reply mid-session: may have been delivered
  ['socket closed after the body', closedUnexpectedly, { kind: 'unknown', code: 'ECONNECTION' }],
  ['no final reply (socket timeout)', timeout('Timeout', 'SOCKET_TIMEOUT'), { kind: 'unknown', code: 'ETIMEDOUT' }],
  [
    'connection reset mid-session',
    withFields('read ECONNRESET', {
      errno: -104,
      code: 'ESOCKET',
      syscall: 'read',
      originalCode: 'ECONNRESET',
      command: 'CONN',
    }),
    { kind: 'unknown', code: 'ECONNRESET' },
  ],
  [
    'connection error labelled DATA',
    withFields('Connection closed unexpectedly', { code: 'ECONNECTION', command: 'DATA' }),
    { kind: 'unknown', code: 'ECONNECTION' },
  ],
  ['pool: maximum number of retries', poolMaxRetries, { kind: 'retry', code: 'ECONNECTION' }],
  [
    'pool: maximum number of retries, no code (older nodemailer)',
    new Error('Reached maximum number of retries after connection was closed'),
    { kind: 'retry' },
  ],
  ['a thrown string', 'boom', { kind: 'unknown' }],
  ['undefined', undefined, { kind: 'unknown' }],

  // refused before the network
  [
    'no recipients',
    withFields('No recipients defined', { code: 'EENVELOPE', command: 'API' }),
    { kind: 'failed', code: 'EENVELOPE' },
  ],
  [
    'bigger than the advertised SIZE',
    withFields('Message size larger than allowed 1000', { code: 'EMESSAGE', command: 'MAIL FROM' }),
    { kind: 'failed', code: 'EMESSAGE' },
  ],
];

describe('classifySendError', () => {
  it.each(cases)('%s', (_name, err, expected) => {
    const outcome = classifySendError(err);
    expect(outcome).toMatchObject(expected);
    expect(outcome.kind === 'sent' || outcome.error.length > 0).toBe(true);
  });

  it('keeps the whole reply in the error text', () => {
    expect(classifySendError(rcpt('550 5.1.1 No such user'))).toEqual({
      kind: 'bounced',
      code: '550 5.1.1',
      error: "Can't send mail - all recipients were rejected: 550 5.1.1 No such user",
    });
  });

  it('pauses the provider for a bounded, positive time', () => {
    for (const [, err] of cases) {
      const outcome = classifySendError(err);
      if (outcome.kind === 'provider-paused') {
        expect(outcome.pauseSeconds).toBeGreaterThanOrEqual(300);
        expect(outcome.pauseSeconds).toBeLessThanOrEqual(3600);
      }
    }
  });

  it('never returns what follows AUTH in a reply', () => {
    const token = 'AHVzZXIAaHVudGVyMg=='; // base64("\0user\0hunter2")
    const echoed = [
      auth(`535 5.7.8 Authentication failed for AUTH PLAIN ${token}`),
      withFields(`Unexpected Response: AUTH PLAIN ${token}\r\n500 unrecognized`, {
        code: 'EPROTOCOL',
        command: 'CONN',
      }),
      mailFrom(`550 5.7.1 Sender rejected after AUTH LOGIN user hunter2`),
    ];
    for (const err of echoed) {
      const text = JSON.stringify(classifySendError(err));
      expect(text).not.toContain(token);
      expect(text).not.toContain('hunter2');
      expect(text).toContain('AUTH [redacted]');
    }
    const info = classifySendInfo({ accepted: ['a@example.test'], response: `250 OK AUTH PLAIN ${token}` });
    expect(JSON.stringify(info)).not.toContain(token);
  });

  it('keeps every output on one line', () => {
    const outcome = classifySendError(data('554-5.7.1 Message rejected\r\n554 5.7.1 See policy'));
    expect(outcome.kind).toBe('provider-paused');
    expect((outcome as { error: string }).error).not.toMatch(/[\r\n]/);
  });
});

describe('classifySendInfo', () => {
  it('is sent with the message id and the final reply', () => {
    const info = {
      accepted: ['reader@example.test'],
      rejected: [],
      envelope: { from: 'news@example.test', to: ['reader@example.test'] },
      messageId: '<5ebc93b7@example.test>',
      response: '250 2.0.0 OK: queued as 1',
    };
    expect(classifySendInfo(info)).toEqual({
      kind: 'sent',
      messageId: '<5ebc93b7@example.test>',
      response: '250 2.0.0 OK: queued as 1',
    });
  });

  it('is sent when some recipients were refused', () => {
    const outcome = classifySendInfo({
      accepted: ['good@example.test'],
      rejected: ['bad@example.test'],
      rejectedErrors: [
        replyError('EENVELOPE', 'Recipient command failed', '550 5.1.1 No such user', 'RCPT TO', {
          recipient: 'bad@example.test',
        }),
      ],
      messageId: '<m@example.test>',
      response: '250 2.0.0 OK: queued as 2',
    });
    expect(outcome.kind).toBe('sent');
  });

  it('classifies the refusal when nobody accepted it', () => {
    const outcome = classifySendInfo({
      accepted: [],
      rejected: ['bad@example.test'],
      rejectedErrors: [replyError('EENVELOPE', 'Recipient command failed', '550 5.1.1 No such user', 'RCPT TO')],
    });
    expect(outcome).toMatchObject({ kind: 'bounced', code: '550 5.1.1' });
    expect(classifySendInfo({ accepted: [], rejected: [] }).kind).toBe('unknown');
  });
});

describe('retryDelaySeconds', () => {
  const max = () => 1;

  it('grows exponentially from 60 s', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelaySeconds(n, max))).toEqual([60, 120, 240, 480, 960, 1920]);
  });

  it('is capped at 6 hours', () => {
    expect(retryDelaySeconds(9, max)).toBe(15360);
    expect(retryDelaySeconds(10, max)).toBe(21600);
    expect(retryDelaySeconds(1000, max)).toBe(21600);
  });

  it('jitters between 30 s and the exponential ceiling', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ceiling = Math.min(21600, 60 * 2 ** (attempt - 1));
      const samples = Array.from({ length: 200 }, () => retryDelaySeconds(attempt));
      for (const s of samples) {
        expect(s).toBeGreaterThanOrEqual(30);
        expect(s).toBeLessThanOrEqual(ceiling);
        expect(Number.isInteger(s)).toBe(true);
      }
      expect(new Set(samples).size).toBeGreaterThan(1);
    }
    expect(retryDelaySeconds(8, () => 0)).toBe(30);
    expect(retryDelaySeconds(3, () => 0.5)).toBe(120);
  });

  it('treats a nonsense attempt number as the first', () => {
    for (const attempt of [0, -3, Number.NaN]) expect(retryDelaySeconds(attempt, max)).toBe(60);
  });

  it('gives up after six attempts', () => {
    expect(MAX_ATTEMPTS).toBe(6);
  });
});

// Every case above, stringified: nothing that looks like a credential leaks through.
it('no output mentions a password', () => {
  const outputs: Outcome[] = cases.map(([, err]) => classifySendError(err));
  expect(JSON.stringify(outputs)).not.toMatch(/hunter2|pass(word)?=/i);
});
