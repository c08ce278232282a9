import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEEDBACK } from '../../../server/src/config/feedback';
import { TABLES } from '../../../server/src/constants';
import { createCampaign, createList, insertSubscribers, sender } from '../../helpers/fixtures';
import { sendgridEvent, sentDeliveries } from '../../helpers/feedback-events';
import { signSendgrid, type SignedRequest } from '../../helpers/webhook-signing';
import type { SuiteContext } from './context';

const FEEDBACK = 'plugin::email-campaigns.feedback';

/** The rules behind the webhooks, through SendGrid (one batch carries any mix of events). */
export function feedbackRulesSuite(ctx: SuiteContext) {
  describe('delivery feedback rules', () => {
    const strapi = () => ctx.app.strapi;
    const db = () => strapi().db.connection;
    const post = async (request: SignedRequest, type = 'sendgrid') => {
      const res = await ctx.app.request(`/api/email-campaigns/webhooks/${type}`, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
      });
      return { status: res.status, body: await res.json() };
    };
    // The breaker has its own suite (reputation.ts); these events must not pause the shared provider.
    beforeAll(() => strapi().config.set(`${FEEDBACK}.breaker.minSends`, Number.MAX_SAFE_INTEGER));
    afterAll(() => strapi().config.set(`${FEEDBACK}.breaker.minSends`, DEFAULT_FEEDBACK.breaker.minSends));
    const statuses = async (table: string, ids: number[]) =>
      (await db()(table).whereIn('id', ids).orderBy('id').select('status')).map(
        (row: { status: string }) => row.status,
      );

    it('resolves exactly the unknown rows a provider delivered; a re-send of unknown sends only the rest', async () => {
      const list = await createList(strapi());
      await insertSubscribers(strapi(), 10, { lists: [Number(list.id)] });
      const campaign = await createCampaign(strapi(), { lists: [list] });
      ctx.smtp.clear();
      await sender(strapi()).run();
      await ctx.smtp.waitFor(10);
      // As a crash between hand-off and reply leaves them (see the crash test): unknown, with Message-IDs.
      await db()(TABLES.deliveries).where('campaign_id', campaign.id).update({
        status: 'unknown',
        last_error: 'The sending process stopped before recording the outcome',
      });
      const rows = await db()(TABLES.deliveries)
        .where('campaign_id', campaign.id)
        .orderBy('id')
        .select('id', 'email', 'message_id', 'subscriber_id');
      expect(rows.every((row: { message_id: string }) => /^<.+>$/.test(row.message_id))).toBe(true);
      const confirmed = rows.slice(0, 6);
      // Found by Message-ID alone (SendGrid's smtp-id), as when a message carried no reference.
      const events = confirmed.map((row: { id: number; email: string; message_id: string; subscriber_id: number }) => {
        const { ec_ref: _, ...event } = sendgridEvent('delivered', {
          ...row,
          campaignId: Number(campaign.id),
          subscriberId: row.subscriber_id,
          messageId: row.message_id.slice(1, -1),
          ref: '',
        }) as Record<string, unknown>;
        return event;
      });
      expect((await post(signSendgrid(events))).body.data).toEqual({ received: 6, recorded: 6 });
      const ids = rows.map((row: { id: number }) => Number(row.id));
      expect(await statuses(TABLES.deliveries, ids)).toEqual([...Array(6).fill('sent'), ...Array(4).fill('unknown')]);

      ctx.smtp.clear();
      const token = await ctx.app.login();
      const resend = await ctx.app.request(`/email-campaigns/campaigns/${campaign.id}/resend`, {
        method: 'POST',
        token,
        json: { statuses: ['unknown'] },
      });
      expect(((await resend.json()) as { meta: { requeued: number } }).meta.requeued).toBe(4);
      await sender(strapi()).run();
      const mails = await ctx.smtp.waitFor(4);
      await new Promise((resolve) => setTimeout(resolve, 300)); // nothing else arrives
      expect(ctx.smtp.envelopes.flatMap((mail) => mail.envelope.to).sort()).toEqual(
        rows
          .slice(6)
          .map((row: { email: string }) => row.email)
          .sort(),
      );
      expect(mails).toHaveLength(4);
    });

    it('suppresses a person only after the third soft-bounced message within the window', async () => {
      const deliveries = await sentDeliveries(strapi(), 3);
      // Three messages to one person: the same subscriber on three rows of three campaigns.
      const [first] = deliveries;
      await db()(TABLES.deliveries)
        .whereIn(
          'id',
          deliveries.slice(1).map((d) => d.id),
        )
        .update({ subscriber_id: first.subscriberId, email: first.email, campaign_id: null });
      const soft = (i: number) => sendgridEvent('bounce_soft', { ...deliveries[i], email: first.email });
      // Two reports about the first message, one about the second: two messages so far.
      await post(signSendgrid([soft(0), soft(0), soft(1)]));
      expect(await statuses(TABLES.subscribers, [first.subscriberId])).toEqual(['subscribed']);
      await post(signSendgrid([soft(2)]));
      expect(await statuses(TABLES.subscribers, [first.subscriberId])).toEqual(['bounced']);
      const [event] = await db()(TABLES.subscriberEvents).where('subscriber_id', first.subscriberId).select('type');
      expect(event.type).toBe('bounced');
      expect(await statuses(TABLES.deliveries, [deliveries[0].id])).toEqual(['sent']);
    });

    it('an unsubscribe event unsubscribes as the link does; an erased person’s event changes and reveals nothing', async () => {
      const [leaving, erased] = await sentDeliveries(strapi(), 2);
      await post(signSendgrid([sendgridEvent('unsubscribe', leaving)]));
      expect(await statuses(TABLES.subscribers, [leaving.subscriberId])).toEqual(['unsubscribed']);
      const [event] = await db()(TABLES.subscriberEvents).where('subscriber_id', leaving.subscriberId).select('data');
      expect(JSON.stringify(event.data)).toContain('provider');

      await strapi().plugin('email-campaigns').service('privacy').erase(erased.subscriberId);
      const before = await db()(TABLES.deliveries).where('id', erased.id).first('status', 'email', 'subscriber_id');
      const answer = await post(
        signSendgrid([sendgridEvent('complaint', erased), sendgridEvent('bounce_hard', erased)]),
      );
      // The same answer as for anyone: two events received and stored.
      expect(answer).toEqual({ status: 200, body: { data: { received: 2, recorded: 2 } } });
      expect(await db()(TABLES.deliveries).where('id', erased.id).first('status', 'email', 'subscriber_id')).toEqual(
        before,
      );
      const stored = await db()(TABLES.deliveryEvents)
        .where('campaign_id', erased.campaignId)
        .whereIn('kind', ['complaint', 'bounce_hard'])
        .select('delivery_id', 'subscriber_id', 'detail');
      expect(stored).toEqual([
        { delivery_id: null, subscriber_id: null, detail: null },
        { delivery_id: null, subscriber_id: null, detail: null },
      ]);
    });

    it('refuses a body over feedback.webhookMaxBodyBytes with 413, declared or chunked, and 404s an unset type', async () => {
      const limit = strapi().config.get(`${FEEDBACK}.webhookMaxBodyBytes`);
      strapi().config.set(`${FEEDBACK}.webhookMaxBodyBytes`, 4096);
      try {
        const big = signSendgrid([{ event: 'delivered', padding: 'x'.repeat(5000) }]);
        expect((await post(big)).status).toBe(413);
        const chunked = await ctx.app.request('/api/email-campaigns/webhooks/sendgrid', {
          method: 'POST',
          headers: big.headers,
          body: new Blob([big.body]).stream(),
          duplex: 'half',
        } as RequestInit);
        expect(chunked.status).toBe(413);
        // Larger than the public routes' 16 KB, within the webhook limit: read and verified.
        strapi().config.set(`${FEEDBACK}.webhookMaxBodyBytes`, 64 * 1024);
        const ok = signSendgrid([{ event: 'processed', padding: 'x'.repeat(20_000) }]);
        expect((await post(ok)).body.data).toEqual({ received: 0, recorded: 0 });
      } finally {
        strapi().config.set(`${FEEDBACK}.webhookMaxBodyBytes`, limit);
      }
      const brevo = strapi().config.get(`${FEEDBACK}.webhooks.brevo`);
      strapi().config.set(`${FEEDBACK}.webhooks.brevo`, undefined);
      try {
        expect((await post(signSendgrid([]), 'brevo')).status).toBe(404);
      } finally {
        strapi().config.set(`${FEEDBACK}.webhooks.brevo`, brevo);
      }
    });
  });
}
