import { afterEach, describe, expect, it } from 'vitest';
import type { SuiteContext } from './context';

const TABLE = 'email_campaigns_rate_counts';

/**
 * The public rate limits' database side (docs/architecture.md, "Public API and pages", abuse
 * limits) on each dialect: hits counted by another instance count here too, a window ends on
 * time, and the rows of ended windows are purged.
 */
export function rateCountersSuite(ctx: SuiteContext) {
  describe('rate counters in the database', () => {
    const strapi = () => ctx.app.strapi;
    const plugin = (name: string) => strapi().plugin('email-campaigns').service(name);
    const rows = (scope: string) => strapi().db.connection(TABLE).where('scope', scope).orderBy('window_index');

    afterEach(async () => {
      plugin('clock').reset();
      await plugin('rateLimits').reset();
    });

    it('counts hits of every instance in one row per key and window, and purges ended windows', async () => {
      const limits = plugin('rateLimits');
      await limits.reset();
      const scope = `test-${ctx.client}`;
      expect(await limits.hit(scope, 'client-a', 3, 60)).toMatchObject({ allowed: true });
      expect(await limits.hit(scope, 'client-a', 3, 60)).toMatchObject({ allowed: true });
      expect((await rows(scope)).map((row: { hits: number }) => Number(row.hits))).toEqual([2]);

      // Another instance counted two more in this window: this one's own count (3) is within the
      // limit, the shared one (5) is not.
      await strapi().db.connection(TABLE).where('scope', scope).increment('hits', 2);
      const refused = await limits.hit(scope, 'client-a', 3, 60);
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect(await limits.hit(scope, 'client-b', 3, 60)).toMatchObject({ allowed: true });

      // The next window starts afresh, in a row of its own.
      plugin('clock').advance(60_000);
      expect(await limits.hit(scope, 'client-a', 3, 60)).toMatchObject({ allowed: true });
      expect(await rows(scope)).toHaveLength(3);

      // Once they are over, the rows of ended windows go (at most every ten minutes per process).
      plugin('clock').advance(11 * 60_000);
      await limits.hit(scope, 'client-c', 3, 60);
      await expect
        .poll(async () => (await rows(scope)).map((row: { value: string }) => row.value).length, { timeout: 5000 })
        .toBe(1);
    });
  });
}
