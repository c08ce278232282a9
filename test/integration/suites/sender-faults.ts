import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clock, createCampaign, createList, insertSubscribers, sender } from '../../helpers/fixtures';
import type { TestSmtpServer } from '../../helpers/smtp-server';
import type { SuiteContext } from './context';

type Fault = (smtp: TestSmtpServer, target: string) => void;
type Expected = {
  /** The targeted recipient's row after the first run. */
  target: string;
  /** Provider paused: nothing touched the subscribers, unsent rows went back to the queue. */
  paused?: RegExp;
  /** Whether the row is sent once the server behaves again (false: it stays as it is, at most once). */
  recovers: boolean;
};

const FAULTS: Array<[string, Fault, Expected]> = [
  [
    '421 to RCPT',
    (s, t) => s.failRcpt(421, '4.3.2 Service not available, closing channel', { match: (r) => r === t }),
    { target: 'retry', recovers: true },
  ],
  [
    '421 4.7.0 throttling to RCPT',
    (s, t) => s.failRcpt(421, '4.7.0 Try again later, unusual rate', { match: (r) => r === t }),
    { target: 'queued', paused: /4\.7\.0/, recovers: true },
  ],
  [
    '450 to RCPT',
    (s, t) => s.failRcpt(450, '4.2.0 Mailbox busy', { match: (r) => r === t }),
    { target: 'retry', recovers: true },
  ],
  [
    '451 to RCPT',
    (s, t) => s.failRcpt(451, '4.3.0 Local error', { match: (r) => r === t }),
    { target: 'retry', recovers: true },
  ],
  [
    '452 to RCPT',
    (s, t) => s.failRcpt(452, '4.5.3 Too many recipients', { match: (r) => r === t }),
    { target: 'retry', recovers: true },
  ],
  [
    '550 5.1.1 to RCPT',
    (s, t) => s.failRcpt(550, '5.1.1 No such user', { match: (r) => r === t }),
    { target: 'bounced', recovers: false },
  ],
  [
    '552 5.2.2 to RCPT',
    (s, t) => s.failRcpt(552, '5.2.2 Mailbox full', { match: (r) => r === t }),
    { target: 'retry', recovers: true },
  ],
  [
    '550 5.4.5 daily quota',
    (s, t) => s.failRcpt(550, '5.4.5 Daily user sending limit exceeded', { match: (r) => r === t }),
    { target: 'queued', paused: /5\.4\.5/, recovers: true },
  ],
  [
    '535 5.7.8 authentication',
    (s) => s.failAuth(535, '5.7.8 Username and Password not accepted'),
    { target: 'queued', paused: /535/, recovers: true },
  ],
  [
    'connection dropped after DATA',
    (s, t) => s.dropAfterData({ match: (r) => r === t }),
    { target: 'unknown', recovers: false },
  ],
  [
    'server stalled after DATA',
    (s, t) => s.stall({ stage: 'data', match: (r) => r === t }),
    { target: 'unknown', recovers: false },
  ],
  ['server stalled at the greeting', (s) => s.stall({ stage: 'greeting' }), { target: 'retry', recovers: true }],
];

export function senderFaultsSuite(ctx: SuiteContext) {
  describe('sender against SMTP faults', () => {
    const db = () => ctx.app.strapi.db.connection;

    beforeEach(() => {
      ctx.smtp.clear();
      // A fresh pool per case, so greeting and AUTH faults meet a new connection.
      ctx.app.strapi.plugin('email-campaigns').service('transport').reset('faulty');
    });
    afterEach(async () => {
      ctx.smtp.reset();
      clock(ctx.app.strapi).reset();
      await db()('email_campaigns_provider_states')
        .where({ name: 'faulty' })
        .update({ paused_until: null, pause_reason: null });
    });

    it.each(FAULTS)('%s', async (_, fault, expected) => {
      const { strapi } = ctx.app;
      const list = await createList(strapi);
      const ids = await insertSubscribers(strapi, 4, { lists: [list.id] });
      const emails: string[] = await db()('email_campaigns_subscribers')
        .whereIn('id', ids)
        .orderBy('id')
        .pluck('email');
      const target = emails[0];
      fault(ctx.smtp, target);

      const campaign = await createCampaign(strapi, { lists: [list], provider: 'faulty' });
      await sender(strapi).run();

      const rows = async () =>
        Object.fromEntries(
          (
            await db()('email_campaigns_deliveries')
              .where({ campaign_id: campaign.id })
              .select('email', 'status', 'last_code', 'last_error')
          ).map((r: any) => [r.email, r]),
        );
      const first = await rows();
      expect(first[target].status, JSON.stringify(first[target])).toBe(expected.target);
      expect(Object.keys(first)).toHaveLength(4);

      const subscriberStatus = async () =>
        db()('email_campaigns_subscribers').where('email', target).first('status', 'bounce_count');
      if (expected.target === 'bounced') {
        expect(await subscriberStatus()).toMatchObject({ status: 'bounced', bounce_count: 1 });
      } else {
        // Only a recipient failure may touch the subscriber.
        expect((await subscriberStatus()).status).toBe('subscribed');
      }

      if (expected.paused) {
        const state = await db()('email_campaigns_provider_states')
          .where({ name: 'faulty' })
          .first('paused_until', 'pause_reason');
        expect(state.pause_reason).toMatch(expected.paused);
        expect(new Date(state.paused_until).getTime()).toBeGreaterThan(clock(strapi).now().getTime());
        for (const row of Object.values(first) as any[]) expect(['queued', 'sent']).toContain(row.status);
      }

      // The server recovers; time passes beyond every backoff and pause. Connections left
      // over from the fault (a stalled greeting the server now answers) are dropped with the pool.
      ctx.smtp.reset();
      strapi.plugin('email-campaigns').service('transport').reset('faulty');
      clock(strapi).advance(7 * 3_600_000);
      await sender(strapi).run();

      const after = await rows();
      const received = ctx.smtp.envelopes.flatMap((e) => e.envelope.to);
      for (const email of emails.slice(1)) {
        expect(after[email].status).toBe('sent');
        expect(received.filter((r) => r === email)).toHaveLength(1);
      }
      if (expected.recovers) {
        expect(after[target].status).toBe('sent');
        expect(received.filter((r) => r === target)).toHaveLength(1);
      } else {
        // Never re-sent automatically: a bounce is final, an unknown fate waits for an admin.
        expect(after[target].status).toBe(expected.target);
        expect(received.filter((r) => r === target)).toHaveLength(0);
      }
      const stored = await db()('email_campaigns_campaigns').where('id', campaign.id).first('status');
      expect(stored.status).toBe('sent');
    });
  });
}
