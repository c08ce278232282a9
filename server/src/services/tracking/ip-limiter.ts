/**
 * The tracking routes' only rate limit (docs/architecture.md, "Engagement", "Hits answer from
 * memory"): hits per client key per minute, counted in this instance's memory with the same
 * bounded windows the public limits keep locally (`LocalWindows`). A database counter per hit
 * would cost the very write the hit buffer saves; with N instances a client gets at most N times
 * the limit, which is enough to stop one address from filling the buffer.
 */
import { LocalWindows } from '../audience/rate-limits';

export const WINDOW_MS = 60_000;

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class IpLimiter {
  private readonly windows: LocalWindows;

  constructor(maxKeys?: number) {
    this.windows = new LocalWindows(maxKeys);
  }

  hit(key: string, perMinute: number, nowMs: number): LimitDecision {
    const index = Math.floor(nowMs / WINDOW_MS);
    if (this.windows.hit(key, index) <= perMinute) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((index + 1) * WINDOW_MS - nowMs) / 1000)) };
  }
}
