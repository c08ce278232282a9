/**
 * A/B subject tests (docs/architecture.md, "Engagement", "A/B subject tests"), registered as the
 * `abTest` service: the tick starts a test as it promotes the campaign (`start`), and picks the
 * winner once the wait is over (`decideDue`); the report reads `abResult`.
 *
 * Both moves are one transaction each, guarded on the campaign's status (compare-and-set through
 * campaign-status.ts): a crash leaves all or nothing, and two instances racing move it once.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import type { AbResult, AbTest } from '../../contracts/engagement';
import { dialect, knex, toDate } from '../../database/connection';
import { readJson } from '../../database/json';
import { getService } from '../../utils/plugin';
import { decidesAt, pickWinner } from './rules';
import { splitSample } from './split';
import { uniqueHumans, variantCounts } from './variant-counts';

/** A campaign row in `testing`, as the tick reads it. */
export interface TestingCampaign {
  id: number | string;
  started_at: unknown;
  ab_test: unknown;
}

/** The stored test of a campaign row, or null (none, or not a test this code can run). */
export function readAbTest(value: unknown): AbTest | null {
  const test = readJson(value) as AbTest | null;
  return test && Array.isArray(test.subjects) && test.subjects.length > 0 ? test : null;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => knex(strapi);
  const status = () => getService(strapi, 'campaignStatus');

  return {
    /**
     * The tick's promote, for a campaign with a test whose audience is materialized: scheduled →
     * testing, with the sample split off, in one transaction. False when the campaign left
     * `scheduled` meanwhile (nothing is changed then).
     */
    async start(campaignId: number, test: AbTest, provider: string, at: Date): Promise<boolean> {
      const started = await db().transaction(async (trx: Knex.Transaction) => {
        if (!(await status().startTest(trx, campaignId, provider, at))) return false;
        const variants = test.subjects.length;
        await splitSample(trx, dialect(strapi), campaignId, { variants, samplePercent: test.samplePercent, at });
        return true;
      });
      if (started) getService(strapi, 'events').campaigns('started', [campaignId]);
      else strapi.log.debug(`[email-campaigns] campaign ${campaignId} left "scheduled" before its A/B test started`);
      return started;
    },

    /**
     * The tick's A/B step: each testing campaign whose wait is over gets its winner, its held rows
     * go to the queue with the winner's variant, and it moves to `sending`. `testing`: the testing
     * campaigns, as promote's query found them. Returns the ids decided.
     */
    async decideDue(now: Date, testing: TestingCampaign[]): Promise<number[]> {
      const decided: number[] = [];
      for (const row of testing) {
        const test = readAbTest(row.ab_test);
        const startedAt = toDate(row.started_at);
        if (!test || !startedAt || decidesAt(startedAt, test.waitHours) > now) continue;
        if (await this.decide(Number(row.id), test, now)) decided.push(Number(row.id));
      }
      return decided;
    },

    /** Picks and stores the winner of one campaign; false when another instance or an admin moved it first. */
    async decide(campaignId: number, test: AbTest, now: Date): Promise<boolean> {
      const variants = test.subjects.length;
      const counts = uniqueHumans(await variantCounts(db(), campaignId, variants), test.metric);
      const winner = pickWinner(counts, variants);
      const decidedTest: AbTest = { ...test, winner, decidedAt: now.toISOString() };
      return db().transaction(async (trx: Knex.Transaction) => {
        if (!(await status().endTest(trx, campaignId, { ab_test: JSON.stringify(decidedTest) }, now))) return false;
        await trx(TABLES.deliveries)
          .where({ campaign_id: campaignId, kind: 'campaign', status: 'held' })
          .update({ status: 'queued', variant: winner, updated_at: now });
        return true;
      });
    },

    /** The test of a campaign and its variants' figures so far; null when the campaign has no test. */
    async abResult(campaignId: number): Promise<AbResult | null> {
      const row: { started_at: unknown; ab_test: unknown } | undefined = await db()(TABLES.campaigns)
        .where('id', campaignId)
        .first('started_at', 'ab_test');
      const test = readAbTest(row?.ab_test);
      if (!test) return null;
      const startedAt = toDate(row?.started_at);
      const counts = await variantCounts(db(), campaignId, test.subjects.length);
      return {
        test,
        decidesAt: startedAt ? decidesAt(startedAt, test.waitHours).toISOString() : null,
        variants: counts.map((count) => ({ ...count, subject: test.subjects[count.variant - 1] })),
      };
    },
  };
};
