/**
 * What the outbox does with a row after nodemailer answered. Pure: no Strapi, no I/O.
 * See docs/architecture.md, "Outcome rules".
 *
 * Classification uses the reply code, the enhanced status code in the reply text
 * and the SMTP stage together. What nodemailer 10.6.1 reports, observed against
 * smtp-server 3.21.6 (test/unit/smtp-harness.test.ts), the same for a pooled
 * transport (maxRequeues: 0) and a single connection unless noted:
 *
 * | Server behaviour         | code        | responseCode | command    | Notes                                        |
 * |--------------------------|-------------|--------------|------------|----------------------------------------------|
 * | 250 to the body          | resolves    |              |            | info.response '250 …', info.accepted [rcpt]  |
 * | 1 of 2 RCPT refused      | resolves    |              |            | info.rejected, info.rejectedErrors           |
 * |                          |             |              |            |   [{EENVELOPE,550,…}]                        |
 * | every RCPT refused, 4xx  | EENVELOPE   | 450…553      | RCPT TO    | err.rejected, err.rejectedErrors             |
 * |   or 5xx                 |             |              |            |                                              |
 * | 421 to RCPT              | ECONNECTION | 421          | CONN       | 'Server closed the connection: 421 …', stage |
 * |                          |             |              |            |   lost                                       |
 * | MAIL FROM refused        | EENVELOPE   | 451/550      | MAIL FROM  | also 530 there when AUTH is required but not |
 * |                          |             |              |            |   sent                                       |
 * | AUTH refused             | EAUTH       | 535          | AUTH PLAIN | 'Invalid login: 535 5.7.8 …', no credentials |
 * |                          |             |              |            |   in it                                      |
 * | body refused             | EMESSAGE    | 451/552/554  | DATA       |                                              |
 * | 421 or 554 instead of    | EPROTOCOL   | 421/554      | CONN       | 'Invalid greeting. response=…'               |
 * |   the greeting           |             |              |            |                                              |
 * | connection refused       | ESOCKET     | -            | CONN       | originalCode ECONNREFUSED, syscall 'connect' |
 * | no greeting              | ETIMEDOUT   | -            | CONN       | timeoutType GREETING_TIMEOUT                 |
 * | no reply to RCPT         | ETIMEDOUT   | -            | CONN       | timeoutType SOCKET_TIMEOUT                   |
 * | no reply after the body  | ETIMEDOUT   | -            | CONN       | the same as the line above                   |
 * | socket closed after the  | ECONNECTION | -            | CONN       | 'Connection closed unexpectedly'             |
 * |   body                   |             |              |            |                                              |
 * | socket closed before the | ECONNECTION | -            | CONN       | the same; pool: 'Reached maximum number of   |
 * |   greeting               |             |              |            |   retries…'                                  |
 * | pool, reused connection: | ECONNECTION | -            | -          | pool: 'Reached maximum number of retries     |
 * |   421 to RCPT, no reply  |             |              |            |   after connection was closed' (nodemailer   |
 * |   to RCPT, or the server |             |              |            |   only takes this path when no byte of the   |
 * |   gone                   |             |              |            |   message was read)                          |
 *
 * So nodemailer never says 'DATA' for a lost connection: a drop or timeout in the
 * middle of a session looks the same before RCPT and after the body. Only failures
 * provably before the message was handed over (refused, DNS, connect or greeting
 * timeout, TLS, the pool's give-up before reading the message) are retried; the rest
 * may have been delivered and become `unknown`. See docs/architecture.md, "At most once".
 */

export type Outcome =
  | { kind: 'sent'; messageId?: string; response?: string }
  | { kind: 'retry'; code?: string; error: string }
  | { kind: 'bounced'; code: string; error: string }
  | { kind: 'failed'; code?: string; error: string }
  | { kind: 'provider-paused'; code?: string; error: string; pauseSeconds: number }
  | { kind: 'unknown'; code?: string; error: string };

export const MAX_ATTEMPTS = 6;

/**
 * How long a provider is paused, by cause.
 * - auth: bad credentials need a human; hammering also risks locking the account.
 * - quota: a daily limit (Gmail 5.4.5) frees room as the rolling day moves on; after
 *   an hour the outbox recounts its own windows and only sends what fits.
 * - policy: 5.7.x blocks, SPF/DKIM/DMARC, relay denied: configuration, needs a human.
 * - throttle: 4.7.x / 421 rate replies; Gmail asks senders to back off, 10 min does
 *   without stalling a campaign for long.
 */
export const PAUSE_SECONDS = { auth: 3600, quota: 3600, policy: 3600, throttle: 600 } as const;

const RETRY_BASE_SECONDS = 60;
const RETRY_CAP_SECONDS = 6 * 3600;
const RETRY_MIN_SECONDS = 30; // full jitter can draw ~0; never come back within a tick or two

/**
 * Delay before the next attempt, after `attempt` failed attempts (1 for the first):
 * exponential backoff (60 s × 2^(attempt-1), capped at 6 h) with full jitter, so rows
 * that failed together do not come back together.
 */
export function retryDelaySeconds(attempt: number, random: () => number = Math.random): number {
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  const ceiling = Math.min(RETRY_CAP_SECONDS, RETRY_BASE_SECONDS * 2 ** Math.min(n - 1, 30));
  const r = Math.min(1, Math.max(0, random()));
  return Math.max(RETRY_MIN_SECONDS, Math.round(r * ceiling));
}

/** Result of a resolved sendMail(). nodemailer resolves when at least one recipient was accepted. */
export function classifySendInfo(info: {
  messageId?: string;
  response?: string;
  accepted?: unknown[];
  rejected?: unknown[];
  rejectedErrors?: unknown[];
}): Outcome {
  const accepted = info.accepted;
  if (!Array.isArray(accepted) || accepted.length > 0) {
    return { kind: 'sent', messageId: info.messageId, response: info.response && clean(info.response) };
  }
  // Nobody accepted it: nodemailer rejects in that case, but be safe with other transports.
  if (info.rejectedErrors?.length) return classifySendError(info.rejectedErrors[0]);
  return { kind: 'unknown', error: clean(info.response || 'No recipient was accepted') };
}

interface SendErrorFields {
  message: string;
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  timeoutType?: string;
  syscall?: string;
}

/** A nodemailer send error (or anything else thrown by sendMail). */
export function classifySendError(err: unknown): Outcome {
  const e = fields(err);
  const error = clean(e.message || e.response || 'Unknown send error');
  const reply = e.responseCode && e.responseCode >= 400 && e.responseCode < 600 ? e.responseCode : undefined;

  if (reply) return classifyReply(reply, e, error);

  const code = e.originalCode || e.code;
  // The pool gave up on a closed connection. In 10.6.1 it only takes this path when no byte
  // of the message was read, except after close({ force: true }), which the sender never
  // calls while a send is in flight (transport.closeAll() closes gently after the tick).
  if (/Reached maximum number of retries after connection was closed/i.test(e.message)) {
    return { kind: 'retry', code, error };
  }
  if (/Connection pool was closed/i.test(e.message)) return { kind: 'retry', code, error }; // never started
  switch (e.code) {
    case 'EAUTH':
    case 'ENOAUTH':
    case 'EOAUTH2':
      return paused(code, error, PAUSE_SECONDS.auth);
    case 'ECONFIG':
    case 'EREQUIRETLS':
      return paused(code, error, PAUSE_SECONDS.policy);
    case 'EENVELOPE': // refused locally: no or invalid addresses
    case 'EMESSAGE': // bigger than the server's SIZE
    case 'ESTREAM':
    case 'EFILEACCESS':
    case 'EURLACCESS':
    case 'EFETCH':
    case 'EMAXRECIPIENTS':
      return { kind: 'failed', code, error };
  }
  if (beforeSession(e) || (e.command && PRE_DATA_COMMANDS.test(e.command))) {
    return { kind: 'retry', code, error };
  }
  // A drop, a socket timeout or anything else mid-session: the body may have gone through.
  return { kind: 'unknown', code, error };
}

// ---------------------------------------------------------------------------

const PRE_DATA_COMMANDS = /^(EHLO|HELO|LHLO|STARTTLS|AUTH\b|MAIL FROM|RCPT TO)/i;
const CONNECT_ERRORS = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
]);
const SETUP_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);

/** True when nothing of the message can have left: the session never started. */
function beforeSession(e: SendErrorFields): boolean {
  if (e.code === 'EDNS' || e.code === 'ETLS' || e.code === 'EPROXY') return true;
  if (e.originalCode && CONNECT_ERRORS.has(e.originalCode)) return true;
  if (e.syscall === 'connect' || e.syscall === 'getaddrinfo') return true;
  return !!e.timeoutType && SETUP_TIMEOUTS.has(e.timeoutType);
}

// Wording, for replies whose enhanced code (if any) does not settle the question.
const MAILBOX_FULL = /mailbox (is )?full|over quota|mailbox.{0,40}(quota|storage)|insufficient (system )?storage/i;
const GREYLISTED = /gr[ae]y-?list/i;
const RATE_OR_QUOTA =
  /\b(rate|quota|throttl\w*|too many (messages|mails|emails)|sending limit|limit (exceeded|reached)|(exceeded|reached) .{0,30}limit)\b/i;
const DAILY = /\b(daily|per day|24 ?h(ours?)?|day)\b/i;
const AUTH_WORDING = /\b(authenticat\w*|auth|login|credentials?)\b/i;
// Refusals aimed at us (our host, IP, domain or account) rather than at the recipient.
const SENDER_SIDE =
  /\b(relay(ing)?|authenticat\w*|unauthenticated|auth|spf|dkim|dmarc|block ?list(ed)?|black ?list(ed)?|spamhaus|reputation|client host|ip|sender|spam)\b/i;
// Reasons to refuse a body that apply to every message of the campaign.
const POLICY_WORDING = /\b(policy|blocked|spam|phishing|virus|malware)\b/i;

function classifyReply(reply: number, e: SendErrorFields, error: string): Outcome {
  const enh = enhancedCode(e.response ?? e.message);
  const code = enh ? `${reply} ${enh.code}` : String(reply);
  const stage = stageOf(e);
  const temporary = reply < 500;
  const text = e.response ?? e.message;
  const pause = (seconds: number): Outcome => paused(code, error, seconds);

  // Authentication, whatever the stage: 530/534/535/538, 454 is its temporary form.
  if (
    stage === 'auth' ||
    [530, 534, 535, 538].includes(reply) ||
    enh?.code === '5.7.8' ||
    (enh?.code === '5.7.0' && AUTH_WORDING.test(text))
  ) {
    return pause(temporary ? PAUSE_SECONDS.throttle : PAUSE_SECONDS.auth);
  }
  // Mailbox subject (x.2.y) first: "over quota" there is the recipient's, not ours.
  if (enh?.subject === 2 || (!enh && MAILBOX_FULL.test(text))) {
    if (!enh || enh.detail === 2 || enh.cls === 4) return { kind: 'retry', code, error }; // full or busy: soft
    if (enh.detail === 3) return { kind: 'failed', code, error }; // message length over the mailbox limit
    return { kind: 'bounced', code, error }; // 5.2.1 disabled, 5.2.0, 5.2.4
  }
  if (GREYLISTED.test(text)) return { kind: 'retry', code, error };
  // Quota and rate: the sending account, not the recipient (Gmail 550 5.4.5 daily limit).
  if ((enh?.subject === 4 && enh.detail === 5) || (enh?.subject !== 1 && RATE_OR_QUOTA.test(text))) {
    const daily = enh?.code === '5.4.5' || DAILY.test(text);
    return pause(daily ? PAUSE_SECONDS.quota : PAUSE_SECONDS.throttle);
  }
  if (temporary) {
    if (enh?.subject === 7) return pause(PAUSE_SECONDS.throttle); // 4.7.x: throttling/reputation
    return { kind: 'retry', code, error }; // 421, 450, 451, 452 at any stage, 4xx to the body
  }
  if (reply === 503) return { kind: 'retry', code, error }; // bad sequence: the session, not the message

  // Permanent from here on. Size and content are about this message, at any stage.
  if (enh?.subject === 3 || enh?.subject === 6) return { kind: 'failed', code, error };
  if (stage === 'mail' && reply === 552 && !enh) return { kind: 'failed', code, error }; // SIZE= too big
  if (stage === 'connect' || stage === 'mail') return pause(PAUSE_SECONDS.policy); // our host or sender refused
  if (enh?.subject === 7) {
    // 5.7.x to RCPT is the recipient's own policy unless it points at us (relay, auth, IP, SPF…)
    if (stage === 'rcpt' && !SENDER_SIDE.test(text)) return { kind: 'failed', code, error };
    return pause(PAUSE_SECONDS.policy);
  }
  if (enh?.subject === 1) {
    if (enh.detail === 7 || enh.detail === 8) return pause(PAUSE_SECONDS.policy); // bad sender address
    return { kind: 'bounced', code, error }; // 5.1.1, 5.1.2, 5.1.3, 5.1.10 …
  }
  if (stage === 'rcpt') {
    if (reply === 552) return { kind: 'retry', code, error }; // RFC 5321 4.5.3.1.10: "too many recipients"
    if (SENDER_SIDE.test(text)) return pause(PAUSE_SECONDS.policy); // "550 Relaying denied"
    if (!enh && [550, 551, 553].includes(reply)) return { kind: 'bounced', code, error };
    return { kind: 'failed', code, error }; // 554 and 5.4.x routing: not provably the address
  }
  if (stage === 'data' && (SENDER_SIDE.test(text) || POLICY_WORDING.test(text))) return pause(PAUSE_SECONDS.policy);
  return { kind: 'failed', code, error }; // 552/554 to the body without policy wording, and the rest
}

type Stage = 'connect' | 'auth' | 'mail' | 'rcpt' | 'data' | 'other';

function stageOf(e: SendErrorFields): Stage {
  const command = (e.command || '').toUpperCase();
  if (command.startsWith('AUTH') || e.code === 'EAUTH') return 'auth';
  if (command === 'MAIL FROM') return 'mail';
  if (command === 'RCPT TO') return 'rcpt';
  if (command === 'DATA') return 'data';
  // A reply-less greeting failure is EPROTOCOL 'Invalid greeting'; EHLO/HELO count as connecting.
  if (/^(EHLO|HELO|LHLO|STARTTLS)$/.test(command)) return 'connect';
  if (command === 'CONN' && /Invalid greeting/i.test(e.message)) return 'connect';
  return 'other'; // CONN: a 421 closing the session at some command
}

interface EnhancedCode {
  code: string;
  cls: number;
  subject: number;
  detail: number;
}

/** The RFC 3463 code in a reply such as `550 5.1.1 No such user`. */
function enhancedCode(text: string | undefined): EnhancedCode | undefined {
  const m = text?.match(/\b([245])\.(\d{1,3})\.(\d{1,3})\b/);
  if (!m) return undefined;
  return {
    code: `${m[1]}.${Number(m[2])}.${Number(m[3])}`,
    cls: Number(m[1]),
    subject: Number(m[2]),
    detail: Number(m[3]),
  };
}

function paused(code: string | undefined, error: string, pauseSeconds: number): Outcome {
  return { kind: 'provider-paused', code, error, pauseSeconds };
}

/** Reads the fields nodemailer puts on its errors from anything that was thrown. */
function fields(err: unknown): SendErrorFields {
  if (err === null || typeof err !== 'object') return { message: String(err ?? '') };
  const o = err as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const responseCode = typeof o.responseCode === 'number' ? o.responseCode : Number(o.responseCode) || undefined;
  return {
    message: str(o.message) ?? '',
    code: str(o.code),
    originalCode: str(o.originalCode),
    responseCode,
    response: str(o.response),
    command: str(o.command),
    timeoutType: str(o.timeoutType),
    syscall: str(o.syscall),
  };
}

/**
 * One line, bounded, and never a credential: whatever follows `AUTH ` (a server
 * echoing the command) is cut, in case a base64 PLAIN token is in there.
 */
function clean(text: string): string {
  return text
    .replace(/\bAUTH\s.*$/gim, 'AUTH [redacted]')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 1000);
}
