/**
 * The burst rule (docs/architecture.md, "Engagement", "Machine traffic is recorded apart"): when
 * every link of a message, two or more, is clicked within one second, a program followed them
 * all (a mail gateway or a link previewer); no person reads that fast. Every click of the burst
 * is then a machine's, the ones already recorded as a person's too.
 *
 * Kept in memory per delivery (the token names it, also in aggregate mode), bounded: the watch
 * forgets the deliveries it saw least recently beyond `maxDeliveries`. A burst split across two
 * instances goes unseen; each instance sees the hits its balancer gives it.
 */
export const BURST_WINDOW_MS = 1000;
// A message has at most a few dozen links; more clicks than this within a second add nothing.
const MAX_CLICKS_PER_DELIVERY = 200;

interface RecentClick {
  linkId: number;
  atMs: number;
  hitId: string;
}

export interface ClickSeen {
  deliveryId: number;
  linkId: number;
  atMs: number;
  /** The hit's own id (its externalId), so a burst can name the rows to amend. */
  hitId: string;
  /** How many links the message has (the campaign's link rows). */
  linkCount: number;
}

export class BurstWatch {
  private readonly recent = new Map<number, RecentClick[]>();

  constructor(private readonly maxDeliveries = 20_000) {}

  /** Records a click; answers the hit ids of the burst it completes or extends, else an empty list. */
  click(seen: ClickSeen): string[] {
    const kept = (this.recent.get(seen.deliveryId) ?? []).filter(
      (click) => seen.atMs - click.atMs < BURST_WINDOW_MS && click.atMs <= seen.atMs,
    );
    kept.push({ linkId: seen.linkId, atMs: seen.atMs, hitId: seen.hitId });
    if (kept.length > MAX_CLICKS_PER_DELIVERY) kept.shift();
    // Re-inserted so the Map's order is least recently seen first.
    this.recent.delete(seen.deliveryId);
    this.recent.set(seen.deliveryId, kept);
    this.evict();
    if (seen.linkCount < 2) return [];
    const links = new Set(kept.map((click) => click.linkId));
    return links.size >= seen.linkCount ? kept.map((click) => click.hitId) : [];
  }

  get size(): number {
    return this.recent.size;
  }

  private evict() {
    for (const deliveryId of this.recent.keys()) {
      if (this.recent.size <= this.maxDeliveries) return;
      this.recent.delete(deliveryId);
    }
  }
}
