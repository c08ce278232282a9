import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBounceReport, type BounceReportResult } from '../../server/src/services/feedback/bounce-report';
import type { FeedbackEvent } from '../../server/src/services/feedback/event';

const fixture = (name: string) => readFileSync(path.join(__dirname, '..', 'fixtures', 'bounce-mail', name));

async function eventsOf(raw: Buffer): Promise<FeedbackEvent[]> {
  const result = await parseBounceReport(raw);
  if (!result.ok) throw new Error(`expected a report, got: ${result.reason}`);
  return result.events;
}

function reasonOf(result: BounceReportResult): string {
  if (result.ok) throw new Error(`expected no report, got ${result.events.length} event(s)`);
  return result.reason;
}

describe('parseBounceReport', () => {
  it('reads a Postfix hard bounce (5.1.1) with its returned headers', async () => {
    expect(await eventsOf(fixture('postfix-hard-5.1.1.eml'))).toEqual([
      {
        kind: 'bounce_hard',
        source: 'imap',
        externalId: '20251014071244.4ZyQ1h0dJvz9sWm@mail.example.org',
        occurredAt: new Date('2025-10-14T07:12:44Z'),
        deliveryRef: null,
        messageId: 'd12.c3.7f3a9c@example.org',
        email: 'nobody@example.net',
        code: '5.1.1',
        detail: '550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown in virtual mailbox table',
      },
    ]);
  });

  it('reads a delay notice (4.2.2) as a soft bounce, finding the Message-ID in a returned message/rfc822', async () => {
    const [event] = await eventsOf(fixture('postfix-delayed-4.2.2.eml'));
    expect(event).toMatchObject({
      kind: 'bounce_soft',
      email: 'full.box@example.com',
      code: '4.2.2',
      detail: '452 4.2.2 Mailbox full',
      messageId: 'd44.c3.7f3a9c@example.org',
    });
  });

  it('gives each recipient of a multi-recipient DSN its own event and key, skipping relayed ones', async () => {
    const events = await eventsOf(fixture('sendmail-multi-recipient.eml'));
    const report = '202510161037.59FAb1rT012345@relay.example.org';
    expect(events.map(({ kind, email, code, externalId }) => ({ kind, email, code, externalId }))).toEqual([
      { kind: 'bounce_hard', email: 'gone@example.com', code: '5.1.1', externalId: `${report}#1` },
      { kind: 'bounce_hard', email: 'blocked@example.net', code: '5.7.1', externalId: `${report}#2` },
      { kind: 'bounce_soft', email: 'slow@example.edu', code: '4.4.2', externalId: `${report}#3` },
    ]);
    // Every recipient of the one returned message shares its Message-ID; each has its own attempt time.
    expect(new Set(events.map((event) => event.messageId))).toEqual(new Set(['d90.c5.7f3a9c@example.org']));
    expect(events[1].occurredAt).toEqual(new Date('2025-10-16T10:37:00Z'));
  });

  it('reads an ARF abuse report (Yahoo-style) as a complaint with the VERP reference and original Message-ID', async () => {
    expect(await eventsOf(fixture('yahoo-arf-abuse.eml'))).toEqual([
      {
        kind: 'complaint',
        source: 'imap',
        externalId: '1760713331.302251.arf@mta4002.mail.gq1.yahoo.com',
        occurredAt: new Date('2025-10-17T15:02:11Z'),
        deliveryRef: 'd57.c3.Zx9_kQ-2',
        messageId: 'd57.c3.7f3a9c@example.org',
        email: 'reader@yahoo.com',
        code: null,
        detail: 'abuse report from Yahoo!-Mail-Feedback/2.0',
      },
    ]);
  });

  it('matches a bounce without returned headers by the VERP address it was delivered to', async () => {
    const [event] = await eventsOf(fixture('exim-verp-bounce.eml'));
    expect(event).toMatchObject({
      kind: 'bounce_hard',
      deliveryRef: 'd42.c7.AbC-xyz_09',
      messageId: null,
      email: 'left@example.com',
      code: '5.0.0',
      detail: '550 5.2.1 The email account that you tried to reach is disabled.',
    });
  });

  it('classes a failure by its diagnostic when the Status is missing, and a 4.x.x failure as soft', async () => {
    const exim = fixture('exim-verp-bounce.eml').toString('utf8');
    const [plain] = await eventsOf(Buffer.from(exim.replace(/^Status: 5.0.0\n/m, '')));
    expect(plain).toMatchObject({ kind: 'bounce_hard', code: null });
    const expired = exim.replace('Status: 5.0.0', 'Status: 4.4.7').replace(/550 5.2.1/, '421 4.4.7');
    expect((await eventsOf(Buffer.from(expired)))[0]).toMatchObject({ kind: 'bounce_soft', code: '4.4.7' });
  });

  it('takes the VERP local part from the options', async () => {
    const raw = Buffer.from(fixture('exim-verp-bounce.eml').toString('utf8').replaceAll('bounces+', 'return+'));
    expect((await parseBounceReport(raw)).ok && (await eventsOf(raw))[0].deliveryRef).toBeNull();
    const result = await parseBounceReport(raw, { verpLocalPart: 'return' });
    expect(result.ok && result.events[0].deliveryRef).toBe('d42.c7.AbC-xyz_09');
  });

  it('keys a report without a Message-ID by a hash of its bytes, the same on every read', async () => {
    const raw = Buffer.from(
      fixture('postfix-hard-5.1.1.eml')
        .toString('utf8')
        .replace(/^Message-Id: .*\n/m, ''),
    );
    const [first] = await eventsOf(raw);
    const [second] = await eventsOf(Buffer.from(raw));
    expect(first.externalId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(second.externalId).toBe(first.externalId);
  });

  it('falls back to the time the mailbox received a report without a date', async () => {
    const raw = Buffer.from(
      fixture('exim-verp-bounce.eml')
        .toString('utf8')
        .replace(/^Date: .*\n/m, ''),
    );
    const receivedAt = new Date('2025-10-18T06:30:00Z');
    const result = await parseBounceReport(raw, { receivedAt });
    expect(result.ok && result.events[0].occurredAt).toEqual(receivedAt);
  });

  it('trims the diagnostic to 500 characters', async () => {
    const long = `smtp; 550 5.1.1 ${'x'.repeat(900)}`;
    const raw = Buffer.from(
      fixture('exim-verp-bounce.eml')
        .toString('utf8')
        .replace(/^Diagnostic-Code: .*$/m, `Diagnostic-Code: ${long}`),
    );
    const [event] = await eventsOf(raw);
    expect(event.detail).toHaveLength(500);
    expect(event.detail?.startsWith('550 5.1.1 xxx')).toBe(true);
  });

  it('reads internationalised DSNs (message/global-delivery-status, RFC 6533)', async () => {
    const raw = Buffer.from(
      fixture('postfix-hard-5.1.1.eml')
        .toString('utf8')
        .replace('Content-Type: message/delivery-status', 'Content-Type: message/global-delivery-status'),
    );
    expect((await eventsOf(raw))[0]).toMatchObject({ kind: 'bounce_hard', email: 'nobody@example.net' });
  });

  it('accepts an ARF report of another feedback type without events', async () => {
    const raw = Buffer.from(
      fixture('yahoo-arf-abuse.eml').toString('utf8').replace('Feedback-Type: abuse', 'Feedback-Type: not-spam'),
    );
    expect(await parseBounceReport(raw)).toEqual({ ok: true, events: [] });
  });

  it('refuses an autoreply, saying it is not a report', async () => {
    expect(reasonOf(await parseBounceReport(fixture('autoreply.eml')))).toBe(
      'not a delivery or feedback report (Content-Type: text/plain)',
    );
  });

  it('refuses a DSN whose delivery-status part names no recipient', async () => {
    expect(reasonOf(await parseBounceReport(fixture('truncated-dsn.eml')))).toBe(
      'the delivery-status part names no recipient',
    );
  });

  it('refuses a DSN whose recipients have no Action', async () => {
    const raw = Buffer.from(
      fixture('exim-verp-bounce.eml')
        .toString('utf8')
        .replace(/^Action: failed\n/m, ''),
    );
    expect(reasonOf(await parseBounceReport(raw))).toBe(
      'the delivery-status part is unusable: no Action for left@example.com',
    );
  });

  it('refuses a read receipt (another multipart/report type)', async () => {
    const raw = Buffer.from(
      fixture('postfix-hard-5.1.1.eml').toString('utf8').replace('delivery-status;', 'disposition-notification;'),
    );
    expect(reasonOf(await parseBounceReport(raw))).toMatch(/"disposition-notification" is neither a DSN nor an ARF/);
  });

  it('refuses garbage bytes without throwing', async () => {
    expect(reasonOf(await parseBounceReport(Buffer.from([0, 255, 13, 10, 58, 1, 2, 3, 0xc3, 0x28])))).toBe(
      'not a mail message: no header fields',
    );
    for (let seed = 0; seed < 20; seed++) {
      expect((await parseBounceReport(randomBytes(2048))).ok).toBe(false);
    }
  });
});
