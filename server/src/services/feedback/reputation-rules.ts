/**
 * The reputation circuit breaker's arithmetic, pure: from what went out and what came back to a
 * verdict. The queries that count are in reputation-queries.ts, the pauses in reputation.ts.
 * See docs/architecture.md, "Reputation circuit breaker".
 */
import type { FeedbackConfig } from '../../config/feedback';
import type { ReputationLevel, ReputationRates } from '../../contracts/overview';

export type BreakerSettings = FeedbackConfig['breaker'];

/** What the two windows hold: the last sends for bounces, the recent sends for complaints. */
export interface Tally {
  bounceSends: number;
  hardBounces: number;
  complaintSends: number;
  complaints: number;
}

/** Every pause reason of the breaker starts with this, so a pause already in place is recognised. */
export const REASON_PREFIX = 'Reputation circuit breaker';

const percent = (rate: number) => `${(rate * 100).toFixed(rate < 0.01 ? 2 : 1)} %`;
const limit = (rate: number) => `${+(rate * 100).toFixed(3)} %`;

/** A rate, or null while its window holds fewer than `minSends` messages: too few to judge. */
export function rate(part: number, sends: number, minSends: number): number | null {
  return sends >= minSends && sends > 0 ? part / sends : null;
}

/**
 * The rates and the level they reach. A rate counts only above its threshold ("above 5 %"), and
 * a complaint rate between the warning and the pause rate warns without pausing.
 */
export function judge(tally: Tally, settings: BreakerSettings): ReputationRates {
  const bounceRate = rate(tally.hardBounces, tally.bounceSends, settings.minSends);
  const complaintRate = rate(tally.complaints, tally.complaintSends, settings.minSends);
  let level: ReputationLevel = 'ok';
  if (bounceRate === null && complaintRate === null) level = 'unjudged';
  else if ((bounceRate ?? 0) > settings.bounceRate || (complaintRate ?? 0) > settings.complaintPauseRate)
    level = 'pause';
  else if ((complaintRate ?? 0) > settings.complaintWarnRate) level = 'warn';
  return {
    ...tally,
    bounceRate,
    complaintRate,
    level,
    limits: {
      minSends: settings.minSends,
      bounceRate: settings.bounceRate,
      complaintWarnRate: settings.complaintWarnRate,
      complaintPauseRate: settings.complaintPauseRate,
    },
  };
}

/** Why the breaker paused or warned, in one line for the admin and the log; null when all is well. */
export function reasonFor(rates: ReputationRates): string | null {
  const { bounceRate, complaintRate, limits } = rates;
  if (rates.level === 'pause' && bounceRate !== null && bounceRate > limits.bounceRate) {
    return (
      `${REASON_PREFIX}: ${percent(bounceRate)} of the last ${rates.bounceSends} messages bounced ` +
      `(${rates.hardBounces}; the limit is ${limit(limits.bounceRate)}). Clean the list, then resume.`
    );
  }
  if (complaintRate === null) return null;
  const complained =
    `${percent(complaintRate)} of ${rates.complaintSends} recent messages were reported as spam ` +
    `(${rates.complaints}`;
  if (rates.level === 'pause') {
    const pauseAt = limit(limits.complaintPauseRate);
    return `${REASON_PREFIX}: ${complained}; the limit is ${pauseAt}). Find out why, then resume.`;
  }
  if (rates.level === 'warn') {
    const [warnAt, pauseAt] = [limit(limits.complaintWarnRate), limit(limits.complaintPauseRate)];
    return `${REASON_PREFIX} warning: ${complained}; a warning above ${warnAt}, a pause above ${pauseAt}).`;
  }
  return null;
}

/** The start of the complaint window in time: `complaintDays` ago, or the last resume if later. */
export function complaintsSince(now: Date, days: number, resumedAt: Date | null): Date {
  const since = new Date(now.getTime() - days * 86_400_000);
  return resumedAt && resumedAt > since ? resumedAt : since;
}
