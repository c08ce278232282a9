/**
 * The pure arithmetic of engagement figures (docs/architecture.md, "Engagement", Report): which
 * mode a campaign is measured in, a tally of events as the report shows it, and the rates. The
 * SQL that produces the tallies is in engagement-report.ts.
 */
import type { CampaignTracking, EngagementCount, EngagementRates, TrackingMode } from '../contracts';

/** Events of one measure, as the grouped query counts them. */
export interface EventTally {
  /** People's events. */
  total: number;
  /** Privacy proxies' and link scanners' events. */
  machine: number;
  /** Distinct deliveries among people's events. */
  deliveries: number;
  /** Distinct erasure keys among people's events: an erased person's events keep one key per delivery. */
  erased: number;
}

export const EMPTY_TALLY: EventTally = { total: 0, machine: 0, deliveries: 0, erased: 0 };

/** A tally as the report shows it: unique people are unknown ("—") in aggregate mode. */
export function toCount(tally: EventTally, mode: TrackingMode): EngagementCount {
  return {
    unique: mode === 'aggregate' ? null : tally.deliveries + tally.erased,
    total: tally.total,
    machine: tally.machine,
  };
}

/** A share of a whole, 0 to 1; null when either side is unknown or the whole is zero. */
export function share(part: number | null, whole: number | null): number | null {
  return part === null || whole === null || whole === 0 ? null : part / whole;
}

/**
 * Open and click rates over messages sent: unique people who opened (clicked) per message sent.
 * Null where the measure is not tracked (the mode is off, or the campaign's switch for it is),
 * where uniques are unknown (aggregate mode), or when nothing was sent.
 */
export function engagementRates(
  tracking: CampaignTracking,
  mode: TrackingMode,
  sent: number,
  opens: EngagementCount,
  clicks: EngagementCount,
): EngagementRates {
  const tracked = mode !== 'off';
  return {
    openRate: tracked && tracking.opens ? share(opens.unique, sent) : null,
    clickRate: tracked && tracking.clicks ? share(clicks.unique, sent) : null,
  };
}
