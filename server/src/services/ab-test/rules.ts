/**
 * The pure rules of an A/B subject test (docs/architecture.md, "Engagement", "A/B subject tests"):
 * its defaults and bounds, how large the sample is, when the winner is picked and which one.
 */
import type { AbMetric, AbTest, AbTestInput } from '../../contracts/engagement';

export const AB_LIMITS = {
  subjects: { min: 2, max: 4 },
  samplePercent: { min: 1, max: 50, default: 20 },
  waitHours: { min: 1, max: 168, default: 4 },
} as const;
export const AB_METRICS = ['clicks', 'opens'] as const satisfies readonly AbMetric[];
const HOUR_MS = 3_600_000;

/** A checked input as stored: defaults filled in, no winner yet. */
export function newAbTest(input: AbTestInput): AbTest {
  return {
    subjects: [...input.subjects],
    samplePercent: input.samplePercent ?? AB_LIMITS.samplePercent.default,
    waitHours: input.waitHours ?? AB_LIMITS.waitHours.default,
    metric: input.metric ?? 'clicks',
    winner: null,
    decidedAt: null,
  };
}

/**
 * How many rows of an audience of `total` get a variant: `samplePercent` of it, rounded, but at
 * least one per variant (so each subject is tried), and never more than the audience.
 */
export function sampleSize(total: number, variants: number, samplePercent: number): number {
  return Math.min(total, Math.max(variants, Math.round((total * samplePercent) / 100)));
}

/** When the winner is picked: the start plus the wait. */
export function decidesAt(startedAt: Date, waitHours: number): Date {
  return new Date(startedAt.getTime() + waitHours * HOUR_MS);
}

/**
 * The variant (1-based) with the most unique human events; the first of the best on a tie, and
 * variant 1 when nothing was counted. `counts` maps a variant to its count; missing means 0.
 */
export function pickWinner(counts: ReadonlyMap<number, number>, variants: number): number {
  let winner = 1;
  for (let variant = 2; variant <= variants; variant++) {
    if ((counts.get(variant) ?? 0) > (counts.get(winner) ?? 0)) winner = variant;
  }
  return winner;
}
