/**
 * Whether one message is tracked, and how (docs/architecture.md, "Engagement", "Off unless
 * enabled"). Pure: the sender asks it for every message, with the site's config as it is then.
 */
import type { CampaignTracking, TrackingMode } from '../../contracts';
import type { TrackingConfig } from '../../config/tracking';
import type { HitMode } from './tokens';

export interface MessageTracking {
  opens: boolean;
  clicks: boolean;
  /** What the hits of this message may name: the delivery and the person, or nobody. */
  mode: HitMode;
}

export interface MessageFacts {
  /** The site's config, `tracking`. */
  site: Pick<TrackingConfig, 'enabled' | 'aggregateOnly'>;
  campaign: CampaignTracking;
  /** The outbox row's kind: only campaign rows are ever tracked, never test sends or confirmations. */
  rowKind: string;
  /** The person said no on the preferences page. */
  optedOut: boolean;
}

/** The site's switches over the campaign's: off when the site tracks nothing, aggregate when it says so. */
export function effectiveMode(
  tracking: CampaignTracking,
  site: Pick<TrackingConfig, 'enabled' | 'aggregateOnly'>,
): TrackingMode {
  if (!site.enabled || tracking.mode === 'off') return 'off';
  return site.aggregateOnly ? 'aggregate' : tracking.mode;
}

/** What the message tracks, or null when it goes out untracked. */
export function messageTracking({ site, campaign, rowKind, optedOut }: MessageFacts): MessageTracking | null {
  const mode = effectiveMode(campaign, site);
  if (mode === 'off' || rowKind !== 'campaign' || optedOut) return null;
  if (!campaign.opens && !campaign.clicks) return null;
  return { opens: campaign.opens, clicks: campaign.clicks, mode };
}
