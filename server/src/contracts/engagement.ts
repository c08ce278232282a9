/**
 * Engagement (issue #14): tracking settings of a campaign, its A/B subject test, and the engagement
 * report. `server/src/services/tracking/`, `services/ab-test/`, `services/engagement-report.ts`;
 * docs/architecture.md, "Engagement".
 */
import type { ApiResponse } from './common';

/**
 * Tracking of one campaign; it applies only when the site enables tracking (config
 * `tracking.enabled`). `off`: no pixel, no tracked link. `people`: events name the delivery and
 * the person. `aggregate`: counts per link and per campaign only; no event names anybody.
 * The site's `tracking.aggregateOnly` turns `people` into `aggregate` for every campaign.
 */
export type TrackingMode = 'off' | 'people' | 'aggregate';

/** What a campaign tracks: `opens` adds the pixel, `clicks` routes links through the click route. */
export interface CampaignTracking {
  mode: TrackingMode;
  opens: boolean;
  clicks: boolean;
}

/** The metric that picks an A/B winner: unique human clicks, or unique human opens. */
export type AbMetric = 'clicks' | 'opens';

/**
 * An A/B subject test, stored on the campaign (`abTest`). 2 to 4 subjects; the first is variant 1.
 * `samplePercent` of the audience (1–50, default 20) is split evenly among the variants; after
 * `waitHours` (1–168) from the start, the variant with the most unique human `metric` wins (the
 * first on a tie or with none), and the rest of the audience gets it. Refused on a campaign with
 * language versions.
 */
export interface AbTestInput {
  subjects: string[];
  samplePercent?: number;
  waitHours?: number;
  metric?: AbMetric;
}

export interface AbTest extends Required<AbTestInput> {
  /** The winning variant (1-based), once decided; null before. */
  winner: number | null;
  decidedAt: string | null;
}

/** Human (a person) and machine (a privacy proxy or a link scanner) counts of one measure. */
export interface EngagementCount {
  /** Distinct deliveries; null in aggregate-only mode, where events name no delivery ("—"). */
  unique: number | null;
  total: number;
  machine: number;
}

export interface LinkRow {
  id: number;
  url: string;
  clicks: EngagementCount;
}

/** Opens and clicks (people) in one hour, UTC. */
export interface EngagementBucket {
  hour: string;
  opens: number;
  clicks: number;
}

export interface AbVariantResult {
  variant: number;
  subject: string;
  sent: number;
  opens: EngagementCount;
  clicks: EngagementCount;
}

export interface AbResult {
  test: AbTest;
  /** When the winner is (or was) picked: the start plus `waitHours`; null before the start. */
  decidesAt: string | null;
  variants: AbVariantResult[];
}

/** `GET /campaigns/:id/engagement`. Rates are of messages sent, 0 to 1; null when nothing was sent. */
export interface EngagementReport {
  tracking: CampaignTracking & { effectiveMode: TrackingMode };
  sent: number;
  opens: EngagementCount;
  clicks: EngagementCount;
  openRate: number | null;
  clickRate: number | null;
  /** Unique human clicks over unique human opens; null when either is unknown or nobody opened. */
  clickToOpenRate: number | null;
  links: LinkRow[];
  timeline: EngagementBucket[];
  ab: AbResult | null;
  /** Hits are written in batches: up to this many seconds of the latest may be lost to a crash. */
  bufferSeconds: number;
}

export type EngagementResponse = ApiResponse<EngagementReport>;

/** Open and click rates as the campaigns list shows them (null: not tracked or nothing sent). */
export interface EngagementRates {
  openRate: number | null;
  clickRate: number | null;
}
