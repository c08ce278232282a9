import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clock, createCampaign, createList, deliveryCounts, insertSubscribers, sender } from '../../helpers/fixtures';
import type { SuiteContext } from './context';

const header = (mail: any, name: string) =>
  mail.parsed.headerLines.find((h: any) => h.key === name)?.line as string | undefined;

export function senderSuite(ctx: SuiteContext) {
  describe('sender', () => {
    beforeEach(() => ctx.smtp.clear());
    afterEach(() => {
      clock(ctx.app.strapi).reset();
      ctx.smtp.reset();
    });

    it('delivers exactly one message to each distinct subscribed member of overlapping lists', async () => {
      const { strapi } = ctx.app;
      const [a, b] = [await createList(strapi), await createList(strapi)];
      const onlyA = await insertSubscribers(strapi, 400, { lists: [a.id] });
      const both = await insertSubscribers(strapi, 300, {
        lists: [a.id, b.id],
        name: (i) => (i === 0 ? '<script>alert(1)</script>' : `Both ${i}`),
      });
      const onlyB = await insertSubscribers(strapi, 300, { lists: [b.id] });
      const unsubscribed = await insertSubscribers(strapi, 20, { lists: [a.id, b.id], status: 'unsubscribed' });
      const bounced = await insertSubscribers(strapi, 20, { lists: [a.id], status: 'bounced' });

      const campaign = await createCampaign(strapi, { lists: [a, b] });
      await sender(strapi).run();

      const expected = onlyA.length + both.length + onlyB.length;
      expect(expected).toBe(1000);
      const mails = await ctx.smtp.waitFor(expected);
      expect(mails).toHaveLength(expected);
      const recipients = mails.map((m) => m.envelope.to[0]);
      expect(new Set(recipients).size).toBe(expected);

      const excluded = await strapi.db
        .connection('email_campaigns_subscribers')
        .whereIn('id', [...unsubscribed, ...bounced])
        .pluck('email');
      for (const email of excluded) expect(recipients).not.toContain(email.toLowerCase());

      expect(await deliveryCounts(strapi, campaign.id)).toEqual({ sent: expected });
      const stored = await strapi.db
        .connection('email_campaigns_campaigns')
        .where('id', campaign.id)
        .first('status', 'finished_at');
      expect(stored.status).toBe('sent');

      // Merge tags are filled and escaped: the name arrives as text, never as markup.
      const scripted = mails.find((m) => m.subject?.includes('<script>'))!;
      expect(scripted.html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(scripted.html).not.toContain('<script>');
      expect(scripted.text).toContain('Hello <script>alert(1)</script>');

      // Every message carries the bulk-mail headers, List-Unsubscribe on one line.
      for (const mail of mails.slice(0, 50)) {
        const unsubscribe = header(mail, 'list-unsubscribe')!;
        expect(unsubscribe).toMatch(
          /^List-Unsubscribe: <http:\/\/127\.0\.0\.1:\d+\/api\/email-campaigns\/unsubscribe\?token=[\w.-]+>$/,
        );
        expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
        expect(header(mail, 'list-id')).toMatch(/^List-I[dD]: <.+\.127\.0\.0\.1>$/);
        expect(header(mail, 'precedence')).toBe('Precedence: bulk');
        expect(mail.parsed.messageId).toMatch(/^<d\d+\.c\d+\.[a-z2-7]{16}@127\.0\.0\.1>$/);
      }
    });

    it('after a process dies mid-batch, sends the rows it never handed over and marks only the handed ones unknown', async () => {
      const { strapi } = ctx.app;
      const plugin = strapi.plugin('email-campaigns');
      const list = await createList(strapi);
      await insertSubscribers(strapi, 6, { lists: [list.id] });
      const campaign = await createCampaign(strapi, { lists: [list], status: 'sending' });
      expect(await plugin.service('outbox').materialize({ id: campaign.id, provider: 'main' }, [list.id])).toBe(6);

      // A process claimed all six, marked two as handed to its transport, then died.
      const dead = 'dead-host:1:abcdef#1';
      const lease = new Date(clock(strapi).now().getTime() + 60_000);
      const { rows } = await plugin.service('outbox').claim(plugin.service('providers').get('main'), 10, dead, lease);
      expect(rows).toHaveLength(6);
      const handed = rows.slice(0, 2).map((row: any) => row.id);
      expect(await plugin.service('outbox').markHanded(dead, handed)).toEqual(handed);

      clock(strapi).advance(120_000);
      await sender(strapi).run();
      const stored = await strapi.db
        .connection('email_campaigns_deliveries')
        .where({ campaign_id: campaign.id })
        .orderBy('id')
        .select('id', 'email', 'status', 'attempts');
      expect(stored.map((row: any) => row.status)).toEqual(['unknown', 'unknown', 'sent', 'sent', 'sent', 'sent']);
      // The four never handed over were sent once, on their first real attempt; the two others never.
      expect(stored.slice(2).map((row: any) => Number(row.attempts))).toEqual([1, 1, 1, 1]);
      const received = ctx.smtp.envelopes.flatMap((e) => e.envelope.to);
      expect(received.sort()).toEqual(
        stored
          .slice(2)
          .map((row: any) => row.email)
          .sort(),
      );

      // Had the process only stalled past its lease, its rows are no longer its own to send.
      expect(
        await plugin.service('outbox').markHanded(
          dead,
          rows.map((row: any) => row.id),
        ),
      ).toEqual([]);
    });

    it('never exceeds a daily limit, spreads the rest over the rolling window, and keeps the count across a restart', async () => {
      const { strapi } = ctx.app;
      const list = await createList(strapi);
      await insertSubscribers(strapi, 120, { lists: [list.id] });
      const start = new Date('2030-01-01T08:00:00Z');
      clock(strapi).set(start);
      const campaign = await createCampaign(strapi, { lists: [list], provider: 'limited', scheduledAt: start });

      await sender(strapi).run();
      await ctx.smtp.waitFor(50);
      expect(ctx.smtp.received()).toBe(50);
      expect(await deliveryCounts(strapi, campaign.id)).toEqual({ sent: 50, queued: 70 });

      const eta = await strapi
        .plugin('email-campaigns')
        .service('quota')
        .estimateFinish('limited', 70, clock(strapi).now());
      // 50 a day: the next 50 go when today's 50 leave the window, the last 20 a day later.
      expect(eta!.getTime() - start.getTime()).toBeGreaterThanOrEqual(2 * 86_400_000);
      expect(eta!.getTime() - start.getTime()).toBeLessThan(2 * 86_400_000 + 3_600_000);

      // A restart forgets everything in memory; the window comes from the outbox.
      await ctx.app.restart();
      clock(ctx.app.strapi).set(new Date(start.getTime() + 12 * 3_600_000));
      await sender(ctx.app.strapi).run();
      expect(ctx.smtp.received()).toBe(50);

      // A day after the first sends, the window has room for 50 more.
      clock(ctx.app.strapi).set(new Date(start.getTime() + 24 * 3_600_000 + 60_000));
      await sender(ctx.app.strapi).run();
      await ctx.smtp.waitFor(100);
      expect(ctx.smtp.received()).toBe(100);
      expect(await deliveryCounts(ctx.app.strapi, campaign.id)).toEqual({ sent: 100, queued: 20 });

      clock(ctx.app.strapi).set(new Date(start.getTime() + 48 * 3_600_000 + 120_000));
      await sender(ctx.app.strapi).run();
      await ctx.smtp.waitFor(120);
      expect(ctx.smtp.received()).toBe(120);
      expect(new Set(ctx.smtp.messages.map((m) => m.envelope.to[0])).size).toBe(120);
      expect(await deliveryCounts(ctx.app.strapi, campaign.id)).toEqual({ sent: 120 });
    });
  });
}
