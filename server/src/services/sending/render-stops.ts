import type { ClaimedDelivery } from './outbox';

export interface RenderStops {
  /** The row's campaign was paused during this batch because a message of it could not be rendered. */
  holds(row: Pick<ClaimedDelivery, 'kind' | 'campaignId'>): boolean;
  /** Pauses the row's campaign with the render error, once per batch. */
  stop(row: Pick<ClaimedDelivery, 'campaignId' | 'subscriberId'>, error: Error): Promise<void>;
}

/**
 * A campaign message that cannot be rendered (a Liquid error, a render limit) is the template's
 * fault, not the recipient's: the campaign pauses with the error, this row and the campaign's
 * other rows of the batch go back to the queue, and no row is marked failed. The admin reads the
 * reason, cancels, and sends a corrected copy. See docs/architecture.md, "The tick".
 */
export function renderStops(pause: (campaignId: number, reason: string) => Promise<void>): RenderStops {
  const stopped = new Set<number>();
  return {
    holds: (row) => row.kind === 'campaign' && row.campaignId !== null && stopped.has(row.campaignId),
    async stop(row, error) {
      if (row.campaignId === null || stopped.has(row.campaignId)) return;
      stopped.add(row.campaignId);
      // Liquid's position points into the compiled HTML, which the admin never sees.
      const cause = error.message.replace(/, line:\d+, col:\d+$/, '');
      const reason = `A message could not be rendered (subscriber ${row.subscriberId}): ${cause}`;
      await pause(row.campaignId, reason.slice(0, 1000));
    },
  };
}
