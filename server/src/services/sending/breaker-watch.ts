import type { EvaluateScope, Trip } from '../feedback/reputation';
import type { ClaimedDelivery, RecordedOutcome } from './outbox';

export interface BreakerWatch {
  /** After a write of outcomes: when it holds bounces, the breaker judges its campaigns and provider. */
  afterWrite(outcomes: RecordedOutcome[]): Promise<void>;
  /** The row's campaign was paused by the breaker during this batch: it must not be sent. */
  holds(row: Pick<ClaimedDelivery, 'kind' | 'campaignId'>): boolean;
  /** The batch's provider was paused by the breaker: nothing more of the batch goes. */
  providerPaused(): boolean;
}

/**
 * The reputation circuit breaker as one batch sees it. What the breaker pauses after one of the
 * batch's writes stops here before the next attempt, rather than at the next claim: the rest of
 * the campaign's rows go back to the queue. See docs/architecture.md, "Reputation circuit breaker".
 * A failed judgement is reported and sending goes on: the next write judges again.
 */
export function breakerWatch(
  provider: string,
  evaluate: (scope: EvaluateScope) => Promise<Trip[]>,
  onError: (error: Error) => void,
): BreakerWatch {
  const pausedCampaigns = new Set<number>();
  let pausedProvider = false;
  return {
    async afterWrite(outcomes) {
      if (!outcomes.some((recorded) => recorded.outcome.kind === 'bounced')) return;
      const campaignIds = outcomes.flatMap((recorded) =>
        recorded.kind === 'campaign' && recorded.campaignId !== null ? [recorded.campaignId] : [],
      );
      try {
        for (const { subject, action } of await evaluate({ campaignIds, providers: [provider] })) {
          if (action !== 'pause') continue;
          if ('campaignId' in subject) pausedCampaigns.add(subject.campaignId);
          else if (subject.provider === provider) pausedProvider = true;
        }
      } catch (error) {
        onError(error as Error);
      }
    },
    holds: (row) => row.kind === 'campaign' && row.campaignId !== null && pausedCampaigns.has(row.campaignId),
    providerPaused: () => pausedProvider,
  };
}
