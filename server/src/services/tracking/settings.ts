/**
 * A campaign's tracking settings as stored (JSON, possibly null or partial) and as answered
 * (docs/architecture.md, "Engagement"). Pure: no Strapi.
 */
import type { CampaignTracking, TrackingMode } from '../../contracts';
import { readJson } from '../../database/json';

export const TRACKING_MODES = ['off', 'people', 'aggregate'] as const satisfies readonly TrackingMode[];

/** What a campaign that never chose answers: nothing is tracked until an editor turns it on. */
export const DEFAULT_CAMPAIGN_TRACKING: CampaignTracking = { mode: 'off', opens: true, clicks: true };

function isMode(value: unknown): value is TrackingMode {
  return (TRACKING_MODES as readonly unknown[]).includes(value);
}

/**
 * The settings of a stored value laid over `base` (the defaults unless given): each field that
 * holds a valid value wins, anything else keeps the base's.
 */
export function campaignTracking(
  stored: unknown,
  base: CampaignTracking = DEFAULT_CAMPAIGN_TRACKING,
): CampaignTracking {
  const value = readJson(stored);
  const given = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return {
    mode: isMode(given.mode) ? given.mode : base.mode,
    opens: typeof given.opens === 'boolean' ? given.opens : base.opens,
    clicks: typeof given.clicks === 'boolean' ? given.clicks : base.clicks,
  };
}
