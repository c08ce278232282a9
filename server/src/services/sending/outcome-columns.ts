import type { RecordedOutcome } from './outbox';

/** Column values, cut to the widths of the delivery schema. */
const code = (value: string | undefined) => value?.slice(0, 32) ?? null;

/**
 * The columns one outcome writes to its delivery row, for every outcome but `sent` (successes
 * are written together, in one UPDATE). `sent_at` is set on every attempt that reached the
 * server, so the provider's windows count it. See docs/architecture.md, "Outcome rules".
 */
export function outcomeColumns(
  { attempts, outcome, nextAttemptAt }: RecordedOutcome,
  maxAttempts: number,
  at: Date,
): Record<string, unknown> {
  switch (outcome.kind) {
    case 'retry': {
      const exhausted = attempts >= maxAttempts;
      return {
        status: exhausted ? 'failed' : 'retry',
        next_attempt_at: exhausted ? null : (nextAttemptAt ?? at),
        last_code: code(outcome.code),
        last_error: exhausted ? `Gave up after ${attempts} attempts: ${outcome.error}` : outcome.error,
        updated_at: at,
      };
    }
    case 'bounced':
    case 'failed':
    case 'unknown':
      return {
        status: outcome.kind,
        sent_at: at,
        last_code: code(outcome.code),
        last_error: outcome.error,
        updated_at: at,
      };
    case 'sent':
      throw new Error('sent rows are written together, not one by one');
    case 'provider-paused':
      throw new Error('provider-paused rows are requeued, not recorded');
  }
}
