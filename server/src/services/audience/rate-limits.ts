import type { Core } from '@strapi/strapi';
import { createHash } from 'node:crypto';
import { getService } from '../../utils/plugin';
import { clearCounters, countHit, purgeCounters } from './shared-counter';

export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

// The first line remembers at most this many keys; the least recently seen one goes first.
const LOCAL_KEYS = 10_000;
const PURGE_EVERY_MS = 10 * 60_000;

/**
 * This process's own counts per key and window, a bounded LRU map. A process never sees more
 * requests than all instances together, so a local count past the limit refuses without asking
 * the database; an evicted key only loses that shortcut.
 */
export class LocalWindows {
  private windows = new Map<string, { index: number; count: number }>();

  constructor(private readonly capacity = LOCAL_KEYS) {}

  /** Counts one request for `key` in window `index` and answers this process's count in it. */
  hit(key: string, index: number): number {
    const previous = this.windows.get(key);
    const count = previous && previous.index === index ? previous.count + 1 : 1;
    this.windows.delete(key);
    this.windows.set(key, { index, count });
    if (this.windows.size > this.capacity) this.windows.delete(this.windows.keys().next().value as string);
    return count;
  }

  get size() {
    return this.windows.size;
  }

  clear() {
    this.windows.clear();
  }
}

/**
 * Public rate limits, counted in fixed windows aligned on the epoch in the database
 * (`shared-counter.ts`), so N instances never give a client N times its limit.
 * See docs/architecture.md, "Several instances".
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const local = new LocalWindows();
  let lastPurge = 0;
  let resetting: Promise<void> = Promise.resolve();

  function purgeNow(now: Date) {
    // Either way: a test clock moved back must not hold purging off until it catches up.
    if (Math.abs(now.getTime() - lastPurge) < PURGE_EVERY_MS) return;
    lastPurge = now.getTime();
    purgeCounters(strapi, now).catch((error: Error) =>
      strapi.log.warn(`[email-campaigns] purging rate counters failed: ${error.message}`),
    );
  }

  return {
    /** Counts one request for `key` in `bucket`; keys are hashed so no address is stored. */
    async hit(bucket: string, key: string, limit: number, windowSeconds: number): Promise<RateDecision> {
      await resetting;
      const hashed = createHash('sha256').update(key).digest('base64url').slice(0, 22);
      const now = getService(strapi, 'clock').now() as Date;
      const windowMs = windowSeconds * 1000;
      const index = Math.floor(now.getTime() / windowMs);
      const endsAt = (index + 1) * windowMs;
      const retryAfterSeconds = Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000));
      if (local.hit(`${bucket}:${hashed}`, index) > limit) return { allowed: false, retryAfterSeconds };
      const count = await countHit(strapi, {
        scope: bucket,
        value: hashed,
        windowIndex: index,
        expiresAt: new Date(endsAt),
        at: now,
      });
      purgeNow(now);
      return { allowed: count <= limit, retryAfterSeconds };
    },

    /**
     * Forgets every counter (tests, and a site owner who just raised a limit). Hits made after
     * the call wait for it, so callers need not.
     */
    reset(): Promise<void> {
      local.clear();
      resetting = resetting
        .then(() => clearCounters(strapi))
        .catch((error: Error) => {
          strapi.log.warn(`[email-campaigns] clearing rate counters failed: ${error.message}`);
        });
      return resetting;
    },
  };
};
