import type { Core } from '@strapi/strapi';
import { createHash } from 'node:crypto';
import { getService } from '../../utils/plugin';

export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

// Expired windows are swept once the map holds this many keys, so memory stays bounded under a flood.
const SWEEP_AT = 10_000;

/**
 * Fixed-window counters per key, in this process's memory. Several instances each count their
 * own share, which is acceptable for abuse control: the hard limits on mail are in the outbox.
 */
export class WindowCounter {
  private windows = new Map<string, { count: number; resetAt: number }>();

  hit(key: string, limit: number, windowMs: number, now: number): RateDecision {
    if (this.windows.size >= SWEEP_AT) this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { allowed: window.count <= limit, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
  }

  clear() {
    this.windows.clear();
  }

  private sweep(now: number) {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

/**
 * The key a client is counted under: its IPv4 address, or the /64 network of an IPv6 address,
 * since one IPv6 host can take any address of its /64 at will.
 */
export function clientKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!ip.includes(':')) return ip;
  const [head, tail = ''] = ip.split('%')[0].toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const counter = new WindowCounter();
  return {
    /** Counts one request for `key` in `bucket`; keys are hashed so no address sits in memory. */
    hit(bucket: string, key: string, limit: number, windowSeconds: number): RateDecision {
      const hashed = createHash('sha256').update(key).digest('base64url').slice(0, 22);
      const now = (getService(strapi, 'clock').now() as Date).getTime();
      return counter.hit(`${bucket}:${hashed}`, limit, windowSeconds * 1000, now);
    },
    /** Forgets every counter (tests, and a site owner who just raised a limit). */
    reset() {
      counter.clear();
    },
  };
};
