import type { Core } from '@strapi/strapi';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../../../server/src/constants';
import { DEFAULT_FEEDBACK } from '../../../server/src/config/feedback';
import type { BreakerSettings } from '../../../server/src/services/feedback/reputation-rules';
import { clock, createCampaign, createList, deliveryCounts, insertSubscribers, sender } from '../../helpers/fixtures';
import type { SuiteContext } from './context';
import type { FeedbackEvent } from '../../../server/src/services/feedback/event';
import { signDeliveryRef } from '../../../server/src/services/feedback/delivery-ref';

const BREAKER_KEY = 'plugin::email-campaigns.feedback.breaker';
const HOUR = 3_600_000;
let seq = 0;

const service = (strapi: Core.Strapi, name: string) => strapi.plugin('email-campaigns').service(name);
const reputation = (strapi: Core.Strapi) => service(strapi, 'reputation');

/** Sends already made, newest first: row i went out i minutes (or `spacingMs`) before now. */
async function seedSends(
  strapi: Core.Strapi,
  count: number,
  {
    provider = `rep-${++seq}`,
    campaignId = null as number | null,
    bounced = (_i: number) => false,
    spacingMs = 60_000,
  } = {},
): Promise<{ provider: string; ids: number[] }> {
  const db = strapi.db.connection;
  const now = clock(strapi).now().getTime();
  const base = ++seq * 100_000;
  const rows = Array.from({ length: count }, (_, i) => ({
    kind: campaignId === null ? 'test' : 'campaign',
    campaign_id: campaignId,
    subscriber_id: campaignId === null ? null : base + i,
    email: `seed-${base + i}@example.test`,
    provider,
    status: bounced(i) ? 'bounced' : 'sent',
    attempts: 1,
    sent_at: new Date(now - i * spacingMs),
    created_at: new Date(now),
    updated_at: new Date(now),
  }));
  for (let start = 0; start < rows.length; start += 200) {
    await db(TABLES.deliveries).insert(rows.slice(start, start + 200));
  }
  const ids = (await db(TABLES.deliveries).where('provider', provider).orderBy('sent_at', 'desc').pluck('id')).map(
    Number,
  );
  await service(strapi, 'providerState').ensure([provider]);
  return { provider, ids };
}

/** Provider events, as the webhook side stores them. */
async function seedEvents(
  strapi: Core.Strapi,
  events: Array<{ kind: string; deliveryId?: number | null; campaignId?: number; provider: string; agoMs?: number }>,
) {
  const now = clock(strapi).now().getTime();
  await strapi.db.connection(TABLES.deliveryEvents).insert(
    events.map((event) => ({
      delivery_id: event.deliveryId ?? null,
      campaign_id: event.campaignId ?? null,
      provider: event.provider,
      kind: event.kind,
      source: 'test',
      external_id: `event-${++seq}`,
      occurred_at: new Date(now - (event.agoMs ?? 0)),
      created_at: new Date(now),
      updated_at: new Date(now),
    })),
  );
}

export function reputationSuite(ctx: SuiteContext) {
  describe('reputation circuit breaker', () => {
    const db = () => ctx.app.strapi.db.connection;
    const breaker = (overrides: Partial<BreakerSettings> = {}) =>
      ctx.app.strapi.config.set(BREAKER_KEY, { ...DEFAULT_FEEDBACK.breaker, ...overrides });
    const providerState = (name: string) =>
      db()(TABLES.providerStates).where({ name }).first('paused_until', 'pause_reason', 'reputation_since');
    const evaluateProvider = (provider: string) =>
      reputation(ctx.app.strapi).evaluate({ providers: [provider] }, { force: true });
    let token: string;

    beforeAll(async () => {
      token = await ctx.app.login();
    });
    afterEach(() => {
      breaker();
      ctx.smtp.reset();
      clock(ctx.app.strapi).reset();
    });

    it('pauses a campaign whose SMTP server refuses 10 % of addresses, soon after minSends', async () => {
      const { strapi } = ctx.app;
      const batchSize = strapi.config.get('plugin::email-campaigns.batchSize');
      // One claim takes the whole audience, so the pause has to stop a batch already under way.
      strapi.config.set('plugin::email-campaigns.batchSize', 300);
      // The provider has a clean history: only the campaign's own rate crosses its threshold.
      await seedSends(strapi, 400, { provider: 'reputation', spacingMs: 1000 });
      const list = await createList(strapi);
      await insertSubscribers(strapi, 300, { prefix: 'breaker', lists: [list.id] });
      const refused = (rcpt: string) => Number(/-(\d+)@/.exec(rcpt)?.[1]) % 10 === 5;
      ctx.smtp.failRcpt(550, '5.1.1 No such user', { match: refused });
      ctx.smtp.clear();
      const campaign = await createCampaign(strapi, { lists: [list], provider: 'reputation' });

      try {
        await sender(strapi).run();
        const afterPause = ctx.smtp.received();
        const counts = await deliveryCounts(strapi, campaign.id);
        const stored = await db()(TABLES.campaigns).where('id', campaign.id).first('status', 'pause_reason');
        expect(stored.status).toBe('paused');
        expect(stored.pause_reason).toMatch(/^Reputation circuit breaker: .* of the last \d+ messages bounced/);
        // Judged once 100 went out (about 10 of them bounced), stopped before the batch of 300 ran out.
        expect(counts.sent + counts.bounced).toBeGreaterThanOrEqual(100);
        expect(counts.sent + counts.bounced).toBeLessThan(200);
        expect(afterPause).toBe(counts.sent);
        expect(counts.sending ?? 0).toBe(0);
        expect(counts.queued).toBe(300 - counts.sent - counts.bounced);

        // Ticks send nothing more of it while it is paused.
        for (let i = 0; i < 3; i += 1) await sender(strapi).run();
        expect(ctx.smtp.received()).toBe(afterPause);
        expect((await providerState('reputation')).paused_until).toBeNull();

        // The admin sees why, and the report's figures.
        const shown = await (await ctx.app.request(`/email-campaigns/campaigns/${campaign.id}`, { token })).json();
        expect(shown.data).toMatchObject({ status: 'paused', pauseReason: stored.pause_reason });
        const report = await (
          await ctx.app.request(`/email-campaigns/campaigns/${campaign.id}/report`, { token })
        ).json();
        expect(report.data.feedback).toMatchObject({
          sends: counts.sent + counts.bounced,
          hardBounces: counts.bounced,
        });
        expect(report.data.feedback.hardBounceRate).toBeGreaterThan(0.05);

        // The list is cleaned up; resumed, the campaign sends the rest, each person once.
        ctx.smtp.reset();
        const resumed = await ctx.app.request(`/email-campaigns/campaigns/${campaign.id}/resume`, {
          method: 'POST',
          token,
        });
        expect(resumed.status).toBe(200);
        await sender(strapi).run();
        const final = await deliveryCounts(strapi, campaign.id);
        expect(final.sent + final.bounced).toBe(300);
        expect(final.bounced).toBe(counts.bounced);
        const received = ctx.smtp.envelopes.flatMap((e) => e.envelope.to);
        expect(new Set(received).size).toBe(received.length);
        expect(received).toHaveLength(final.sent);
        await sender(strapi).run();
        expect((await db()(TABLES.campaigns).where('id', campaign.id).first('status')).status).toBe('sent');
      } finally {
        strapi.config.set('plugin::email-campaigns.batchSize', batchSize);
      }
    });

    it('judges nothing before minSends; a lower minSends trips on the same sends', async () => {
      const { provider } = await seedSends(ctx.app.strapi, 80, { bounced: (i) => i % 10 === 0 });
      expect(await evaluateProvider(provider)).toEqual([]);
      expect(await reputation(ctx.app.strapi).rates(provider)).toMatchObject({ level: 'unjudged', bounceSends: 80 });
      breaker({ minSends: 50 });
      const [trip] = await evaluateProvider(provider);
      expect(trip).toMatchObject({ subject: { provider }, action: 'pause', rates: { hardBounces: 8 } });
      expect((await providerState(provider)).pause_reason).toBe(trip.reason);
    });

    it('pauses above bounceRate only: 3 % passes by default and trips a 2 % limit', async () => {
      const { provider } = await seedSends(ctx.app.strapi, 500, { bounced: (i) => i % 100 < 3 });
      expect(await evaluateProvider(provider)).toEqual([]);
      expect((await providerState(provider)).paused_until).toBeNull();
      breaker({ bounceRate: 0.02 });
      expect(await evaluateProvider(provider)).toMatchObject([{ action: 'pause' }]);
    });

    it('counts bounces over the last bounceWindow sends only', async () => {
      // 600 sends: the oldest 100 have 40 bounces, the newest 500 none.
      const { provider } = await seedSends(ctx.app.strapi, 600, { bounced: (i) => i >= 560 });
      expect(await reputation(ctx.app.strapi).rates(provider)).toMatchObject({ bounceSends: 500, hardBounces: 0 });
      expect(await evaluateProvider(provider)).toEqual([]);
      breaker({ bounceWindow: 600 });
      expect(await evaluateProvider(provider)).toMatchObject([{ action: 'pause', rates: { hardBounces: 40 } }]);
    });

    it('adds hard bounces reported later, each message once', async () => {
      const { strapi } = ctx.app;
      const list = await createList(strapi);
      const provider = `rep-c-${++seq}`;
      const campaign = await createCampaign(strapi, { lists: [list], status: 'sending', provider });
      const { ids } = await seedSends(strapi, 100, { provider, campaignId: campaign.id, bounced: (i) => i < 3 });
      const late = (deliveryId: number, kind = 'bounce_hard') => ({
        kind,
        deliveryId,
        campaignId: campaign.id,
        provider,
      });
      // Three more hard bounces; two reports of rows SMTP already refused; one soft bounce.
      await seedEvents(strapi, [late(ids[10]), late(ids[11]), late(ids[12]), late(ids[0]), late(ids[1])]);
      await seedEvents(strapi, [late(ids[12], 'bounce_soft'), late(ids[20], 'bounce_soft')]);
      const [trip] = await reputation(strapi).evaluate({ campaignIds: [campaign.id] }, { force: true });
      expect(trip).toMatchObject({ subject: { campaignId: campaign.id }, action: 'pause', rates: { hardBounces: 6 } });
      const stored = await db()(TABLES.campaigns).where('id', campaign.id).first('status', 'pause_reason');
      expect(stored).toEqual({ status: 'paused', pause_reason: trip.reason });
      expect(await reputation(strapi).campaignRates(campaign.id)).toEqual({
        sends: 100,
        hardBounces: 6,
        softBounces: 1,
        complaints: 0,
        hardBounceRate: 0.06,
        softBounceRate: 0.01,
        complaintRate: 0,
      });
      // A paused campaign is not judged again; resumed, only what it sends from now on counts.
      expect(await reputation(strapi).evaluate({ campaignIds: [campaign.id] }, { force: true })).toEqual([]);
      const resumed = await ctx.app.request(`/email-campaigns/campaigns/${campaign.id}/resume`, {
        method: 'POST',
        token,
      });
      expect(resumed.status).toBe(200);
      expect(await reputation(strapi).evaluate({ campaignIds: [campaign.id] }, { force: true })).toEqual([]);
      expect((await db()(TABLES.campaigns).where('id', campaign.id).first('status')).status).not.toBe('paused');
    });

    /** 1,000 sends over the last 6 days; complaints as given, each an hour old. */
    const complaintScene = async (complaints: number, provider?: string) => {
      const seeded = await seedSends(ctx.app.strapi, 1000, { provider, spacingMs: (6 * 24 * HOUR) / 1000 });
      await seedEvents(
        ctx.app.strapi,
        Array.from({ length: complaints }, (_, i) => ({
          kind: 'complaint',
          deliveryId: seeded.ids[i],
          provider: seeded.provider,
          agoMs: HOUR,
        })),
      );
      return seeded.provider;
    };

    it('warns above complaintWarnRate without pausing; a lower warning rate warns sooner', async () => {
      const provider = await complaintScene(1); // 0.1 %: at the line
      expect(await evaluateProvider(provider)).toEqual([]);
      breaker({ complaintWarnRate: 0.0005 });
      const trips = await evaluateProvider(provider);
      expect(trips).toMatchObject([{ action: 'warn', rates: { level: 'warn', complaints: 1, complaintSends: 1000 } }]);
      expect(trips[0].reason).toMatch(/warning: 0\.10 % of 1000 recent messages were reported as spam/);
      expect((await providerState(provider)).paused_until).toBeNull();
    });

    it('pauses above complaintPauseRate, and a lower complaintPauseRate pauses a warned provider', async () => {
      const provider = await complaintScene(2); // 0.2 %
      expect(await evaluateProvider(provider)).toMatchObject([{ action: 'warn' }]);
      breaker({ complaintPauseRate: 0.0015 });
      expect(await evaluateProvider(provider)).toMatchObject([{ action: 'pause' }]);
    });

    it('counts complaints over the last complaintWindow sends, or complaintDays days', async () => {
      const provider = await complaintScene(2);
      expect(await evaluateProvider(provider)).toMatchObject([{ action: 'warn' }]);
      // The newest 200 sends span about a day; both complaints came within it.
      breaker({ complaintWindow: 200 });
      expect(await reputation(ctx.app.strapi).rates(provider)).toMatchObject({ complaintSends: 200, complaints: 2 });
      breaker({ complaintDays: 1 });
      const rates = await reputation(ctx.app.strapi).rates(provider);
      expect(rates.complaintSends).toBeGreaterThan(160);
      expect(rates.complaintSends).toBeLessThan(170);
      expect(await evaluateProvider(provider)).toMatchObject([{ action: 'pause' }]);
    });

    it('judges a provider once complaints recorded from provider events are committed', async () => {
      const { strapi } = ctx.app;
      const { provider, ids } = await seedSends(strapi, 1000, { spacingMs: (6 * 24 * HOUR) / 1000 });
      const secret = strapi.config.get('plugin::email-campaigns.secret') as string;
      const events: FeedbackEvent[] = ids.slice(0, 4).map((id) => ({
        kind: 'complaint',
        source: 'webhook:sendgrid',
        externalId: `complaint-${provider}-${id}`,
        occurredAt: clock(strapi).now(),
        deliveryRef: signDeliveryRef(secret, id),
        messageId: null,
        email: null,
        code: null,
        detail: null,
      }));
      expect(await service(strapi, 'feedback').record(events)).toEqual({ received: 4, recorded: 4 });
      // The judgement runs after the commit, off the request's path.
      const deadline = Date.now() + 10_000;
      while (!(await providerState(provider)).paused_until && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect((await providerState(provider)).pause_reason).toMatch(/reported as spam/);
    });

    it('pauses a provider whose complaints cross the line, shows it, and an admin resumes it', async () => {
      const { strapi } = ctx.app;
      await complaintScene(4, 'spam'); // 0.4 %
      const [trip] = await evaluateProvider('spam');
      expect(trip).toMatchObject({ subject: { provider: 'spam' }, action: 'pause' });
      expect(trip.reason).toMatch(/^Reputation circuit breaker: 0\.40 % of 1000 recent messages were reported as spam/);
      const state = await providerState('spam');
      expect(state.pause_reason).toBe(trip.reason);
      expect(new Date(state.paused_until).getTime()).toBeGreaterThan(clock(strapi).now().getTime() + 7 * 24 * HOUR);
      // Judged again while paused, it changes nothing.
      expect(await evaluateProvider('spam')).toEqual([]);

      const overview = await (await ctx.app.request('/email-campaigns/overview', { token })).json();
      const shown = overview.data.providers.find((p: { name: string }) => p.name === 'spam');
      expect(shown).toMatchObject({ pauseReason: trip.reason, reputation: { level: 'pause', complaints: 4 } });
      expect(shown.reputation.complaintRate).toBeCloseTo(0.004);

      // A paused provider sends nothing: a campaign to it waits in the queue.
      const list = await createList(strapi);
      await insertSubscribers(strapi, 3, { lists: [list.id] });
      const campaign = await createCampaign(strapi, { lists: [list], provider: 'spam' });
      ctx.smtp.clear();
      await sender(strapi).run();
      expect(ctx.smtp.received()).toBe(0);
      expect(await deliveryCounts(strapi, campaign.id)).toEqual({ queued: 3 });

      const resumed = await ctx.app.request('/email-campaigns/providers/spam/resume', { method: 'POST', token });
      expect(resumed.status).toBe(200);
      expect((await providerState('spam')).paused_until).toBeNull();
      // What came before the resume is not judged again.
      expect(await reputation(strapi).rates('spam')).toMatchObject({ level: 'unjudged', complaintSends: 0 });
      await sender(strapi).run();
      expect(await deliveryCounts(strapi, campaign.id)).toEqual({ sent: 3 });
      const unknown = await ctx.app.request('/email-campaigns/providers/nope/resume', { method: 'POST', token });
      expect(unknown.status).toBe(404);
    });

    it('a campaign paused after the claim is not handed over: its rows go back to the queue', async () => {
      const { strapi } = ctx.app;
      const list = await createList(strapi);
      await insertSubscribers(strapi, 5, { lists: [list.id] });
      const campaign = await createCampaign(strapi, { lists: [list], provider: 'reputation' });
      const outbox = service(strapi, 'outbox');
      const providers = service(strapi, 'providers');
      const provider = providers.all().find((p: { name: string }) => p.name === 'reputation');
      // Promote without sending: the tick's first steps, then a claim of our own.
      await db()(TABLES.campaigns).where('id', campaign.id).update({ status: 'sending', provider: 'reputation' });
      await outbox.materialize({ id: campaign.id, provider: 'reputation' }, [list.id]);
      const { rows } = await outbox.claim(provider, 10, 'test-owner', new Date(Date.now() + 60_000));
      expect(rows.map((row: { campaignId: number }) => row.campaignId)).toEqual(Array(5).fill(campaign.id));
      await service(strapi, 'campaignStatus').halt(campaign.id, 'Reputation circuit breaker: test');
      const ids = rows.map((row: { id: number }) => row.id);
      expect(await outbox.markHanded('test-owner', ids)).toEqual([]);
      await outbox.release('test-owner', ids);
      expect(await deliveryCounts(strapi, campaign.id)).toEqual({ queued: 5 });
      await service(strapi, 'campaigns').cancel(campaign.id);
    });
  });
}
