/**
 * Delivery status notifications (RFC 3464) and abuse feedback reports (RFC 5965) about test
 * deliveries, as a receiving MTA and a mailbox provider write them, with CRLF line ends for IMAP.
 */
import { randomBytes } from 'node:crypto';

export interface ReportedMessage {
  /** The recipient the report is about. */
  email: string;
  /** The original message's Message-ID, without angle brackets; omitted to test VERP alone. */
  messageId?: string;
  /** Where the report was delivered: the VERP address, or the plain bounce address. */
  to?: string;
}

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
const id = () => randomBytes(6).toString('hex');

function quotedHeaders(message: ReportedMessage): string {
  return [
    'From: Example News <news@example.org>',
    `To: ${message.email}`,
    'Subject: October news',
    ...(message.messageId ? [`Message-ID: <${message.messageId}>`] : []),
  ].join('\n');
}

/** A postfix-style DSN: `status` 5.x.x is a hard bounce, 4.x.x a delayed (soft) one. */
export function dsn(message: ReportedMessage, status = '5.1.1'): Buffer {
  const boundary = `b-${id()}`;
  const action = status.startsWith('5') ? 'failed' : 'delayed';
  return Buffer.from(
    crlf(`From: MAILER-DAEMON@mail.example.org (Mail Delivery System)
To: ${message.to ?? 'bounces@example.org'}
Subject: Undelivered Mail Returned to Sender
Date: Tue, 14 Oct 2025 09:12:44 +0200
Message-ID: <dsn-${id()}@mail.example.org>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"

--${boundary}
Content-Type: text/plain; charset=utf-8

Your message could not be delivered to ${message.email}.

--${boundary}
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.org

Final-Recipient: rfc822; ${message.email}
Action: ${action}
Status: ${status}
Diagnostic-Code: smtp; ${status.startsWith('5') ? '550' : '452'} ${status} mailbox trouble

--${boundary}
Content-Type: text/rfc822-headers

${quotedHeaders(message)}

--${boundary}--
`),
  );
}

/** A Yahoo-style ARF abuse report: the recipient marked the message as spam. */
export function arf(message: ReportedMessage): Buffer {
  const boundary = `a-${id()}`;
  return Buffer.from(
    crlf(`From: Yahoo! Mail AntiSpam Feedback <feedback@arf.mail.yahoo.com>
To: ${message.to ?? 'bounces@example.org'}
Subject: FW: October news
Date: Fri, 17 Oct 2025 15:02:11 +0000
Message-ID: <arf-${id()}@mta.mail.yahoo.com>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="${boundary}"

--${boundary}
Content-Type: text/plain

This is an email abuse report.

--${boundary}
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: Yahoo!-Mail-Feedback/2.0
Version: 1
Original-Rcpt-To: ${message.email}

--${boundary}
Content-Type: text/rfc822-headers

${quotedHeaders(message)}

--${boundary}--
`),
  );
}
