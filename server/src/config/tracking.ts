/**
 * Engagement tracking (docs/architecture.md, "Engagement"): off unless the site enables it, then
 * per campaign. The figures here decide what counts as a person and what as a machine, and how
 * hits reach the database.
 */
import { ConfigError } from './config-error';

export interface TrackingConfig {
  /** Opens and clicks are tracked only when this is on and the campaign asks for them. */
  enabled: boolean;
  /** Every campaign in aggregate-only mode: counts per link and campaign, no event names a person. */
  aggregateOnly: boolean;
  /** A click this soon after the message was sent is a link scanner's (corporate mail filters). */
  scannerWindowSeconds: number;
  /** An open by Apple's privacy proxy user agent this soon after sending is its pre-fetch. */
  proxyWindowSeconds: number;
  /** Hits are buffered and written in one statement per batch, at least this often. */
  flushIntervalMs: number;
  /** A batch is written at once when it reaches this many hits. */
  flushBatchSize: number;
  /** Tracking hits per client IP per minute, counted in memory by each instance (never in the database). */
  hitsPerIpPerMinute: number;
}

export const DEFAULT_TRACKING: TrackingConfig = {
  enabled: false,
  aggregateOnly: false,
  scannerWindowSeconds: 10,
  proxyWindowSeconds: 3600,
  flushIntervalMs: 1000,
  flushBatchSize: 500,
  hitsPerIpPerMinute: 600,
};

const WHOLE_NUMBER_KEYS = [
  'scannerWindowSeconds',
  'proxyWindowSeconds',
  'flushIntervalMs',
  'flushBatchSize',
  'hitsPerIpPerMinute',
] as const;

/** Throws a ConfigError naming `tracking.<key>` on the first problem. */
export function validateTracking(tracking: TrackingConfig): void {
  for (const key of ['enabled', 'aggregateOnly'] as const) {
    if (typeof tracking[key] !== 'boolean') {
      throw new ConfigError(`tracking.${key}`, `is ${JSON.stringify(tracking[key])}`, 'Use true or false.');
    }
  }
  for (const key of WHOLE_NUMBER_KEYS) {
    const value = tracking[key];
    if (!(Number.isSafeInteger(value) && value >= 1)) {
      throw new ConfigError(`tracking.${key}`, `is ${JSON.stringify(value)}`, 'Use a whole number of at least 1.');
    }
  }
  if (tracking.flushIntervalMs > 10_000) {
    throw new ConfigError(
      'tracking.flushIntervalMs',
      `is ${tracking.flushIntervalMs}`,
      'Use at most 10000: a crash loses the hits of one interval.',
    );
  }
}
