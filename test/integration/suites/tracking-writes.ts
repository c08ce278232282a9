/**
 * The hit buffer's SQL on every database (docs/architecture.md, "Engagement", "Buffered writes"):
 * its multi-row INSERT (MySQL's own form of "ignore a stored externalId"), `machine` as each
 * database stores a boolean, and the burst rule's UPDATE of rows already written. The routes
 * themselves are tested once, in test/integration/tracking-hits.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TRACKING } from '../../../server/src/config/tracking';
import { machineOf, trackingHarness } from '../../helpers/tracking-hits';
import { waitUntil } from '../../helpers/outbox-fixtures';
import { clock as appClock } from '../../helpers/fixtures';
import type { SuiteContext } from './context';

const TRACKING_KEY = 'plugin::email-campaigns.tracking';

export function trackingWritesSuite(ctx: SuiteContext) {
  describe('tracking hits written', () => {
    const h = trackingHarness(() => ctx.app, ctx.client);
    const { buffer, token, hit, events, campaignWithLinks } = h;
    const clock = () => appClock(ctx.app.strapi);

    beforeAll(() => {
      ctx.app.strapi.config.set(TRACKING_KEY, { ...DEFAULT_TRACKING, enabled: true, flushIntervalMs: 100 });
    });

    afterAll(async () => {
      await buffer().flush();
      ctx.app.strapi.config.set(TRACKING_KEY, DEFAULT_TRACKING);
    });

    it('writes hits in one INSERT with their machine flag, and a burst over written rows with one UPDATE', async () => {
      const { campaignId, linkIds } = await campaignWithLinks(['https://example.test/x', 'https://example.test/y']);
      const deliveryId = h.delivery();
      const person = { campaignId, deliveryId, subscriberId: 5 };
      // Written only when the test flushes, so the statements can be counted.
      ctx.app.strapi.config.set(`${TRACKING_KEY}.flushIntervalMs`, 10_000);
      await buffer().flush();
      const statements: string[] = [];
      const onQuery = (query: { sql: string }) => {
        if (/email_campaigns_delivery_events/.test(query.sql)) statements.push(query.sql);
      };
      h.db().on('query', onQuery);
      try {
        expect((await hit(`/o/${token({ ...person, kind: 'open' })}`, { method: 'HEAD' })).status).toBe(200);
        expect((await hit(`/o/${token({ campaignId, kind: 'open', mode: 'aggregate' })}`)).status).toBe(200);
        const firstClickAt = Date.now();
        expect((await hit(`/l/${token({ ...person, kind: 'click', linkId: linkIds[0] })}`)).status).toBe(302);
        await buffer().flush();
        expect(statements).toHaveLength(1);
        // The second link within the same second on the app's clock, however slow the machine: both
        // clicks are a machine's, the written one by an UPDATE.
        clock().advance(firstClickAt - Date.now());
        await hit(`/l/${token({ ...person, kind: 'click', linkId: linkIds[1] })}`);
        await waitUntil('the burst amended', async () => {
          await buffer().flush();
          return (await events(campaignId)).filter(machineOf).length === 3 ? true : undefined;
        });
      } finally {
        clock().reset();
        h.db().off('query', onQuery);
      }
      expect(statements.filter((sql) => /^update/i.test(sql))).toHaveLength(1);
      const rows = await events(campaignId);
      expect(
        rows.map((row) => [
          row.kind,
          Number(row.link_id) || null,
          machineOf(row),
          row.delivery_id !== null,
          row.source,
        ]),
      ).toEqual([
        ['open', null, true, true, 'tracking'],
        ['open', null, false, false, 'tracking'],
        ['click', linkIds[0], true, true, 'tracking'],
        ['click', linkIds[1], true, true, 'tracking'],
      ]);
      expect(new Set(rows.map((row) => row.external_id)).size).toBe(4);
    });
  });
}
