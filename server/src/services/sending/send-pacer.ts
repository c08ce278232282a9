/**
 * A provider's `perSecond`, held across instances. Time is cut into slots of `1000 / perSecond`
 * ms counted from the epoch, the same on every instance (they need NTP anyway); the instances
 * holding live claims on the provider (counted from the outbox at most once per `refreshMs`,
 * not per message) take turns: the one of rank r among N sends only in slots k with
 * k mod N = r, at most one message per slot. So any second holds at most perSecond slots,
 * whatever the instances' phases. An instance that starts sending while others do waits one
 * refresh first, so they have counted it by the time it sends. See docs/architecture.md, "Limits".
 */
export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The instances sharing the provider, this one included, and this one's place among them. */
export interface Holders {
  count: number;
  rank: number;
}

const realClock: PacerClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const mod = (a: number, n: number) => ((a % n) + n) % n;

export class SendPacer {
  private lastSlot = -Infinity;
  private lastSendAt = -Infinity;
  private holders: Holders = { count: 1, rank: 0 };
  private countedAt = -Infinity;
  private counting: Promise<void> | null = null;
  private holdUntil = -Infinity;

  constructor(
    private readonly countHolders: () => Promise<Holders>,
    private readonly refreshMs = 1000,
    private readonly clock: PacerClock = realClock,
  ) {}

  /** Resolves when this process may hand the provider its next message. */
  async take(perSecond: number): Promise<void> {
    // Slot k starts at a whole millisecond, so perSecond slots never fit in a 1000 ms window.
    const startOf = (slot: number) => Math.ceil((slot * 1000) / perSecond);
    for (;;) {
      await this.refresh();
      const now = this.clock.now();
      const { count, rank } = this.holders;
      // The first slot of ours not used yet, possibly the one we are in (a timer wakes late).
      let slot = Math.max(Math.floor((Math.max(now, this.holdUntil) * perSecond) / 1000), this.lastSlot + 1);
      slot += mod(rank - slot, count);
      // No await between the check and the write: concurrent lanes take distinct slots.
      if (startOf(slot) <= now) {
        this.lastSlot = slot;
        this.lastSendAt = now;
        return;
      }
      await this.clock.sleep(Math.min(startOf(slot) - now, this.refreshMs));
    }
  }

  /** Counts the instances again once the last count is `refreshMs` old. */
  private refresh(): Promise<void> {
    if (this.clock.now() - this.countedAt < this.refreshMs) return Promise.resolve();
    this.counting ??= this.countHolders()
      .then((holders) => {
        const now = this.clock.now();
        const idle = now - Math.max(this.lastSendAt, this.holdUntil) > 2 * this.refreshMs;
        if (idle && holders.count > 1) this.holdUntil = now + this.refreshMs;
        this.holders = { count: Math.max(1, holders.count), rank: mod(holders.rank, Math.max(1, holders.count)) };
      })
      .catch(() => {
        // The count failed (database busy): keep the last one and try again on the next refresh.
      })
      .finally(() => {
        this.countedAt = this.clock.now();
        this.counting = null;
      });
    return this.counting;
  }
}
