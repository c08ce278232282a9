/**
 * Whether one message is tracked, and how (docs/architecture.md, "Engagement", "Off unless
 * enabled"). Pure: the sender asks it for every message, with the site's config as it is then.
 */
import type { CampaignTracking } from '../../contracts';
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

/** What the message tracks, or null when it goes out untracked. */
export function messageTracking({ site, campaign, rowKind, optedOut }: MessageFacts): MessageTracking | null {
  if (!site.enabled || campaign.mode === 'off' || rowKind !== 'campaign' || optedOut) return null;
  if (!campaign.opens && !campaign.clicks) return null;
  const mode: HitMode = campaign.mode === 'aggregate' || site.aggregateOnly ? 'aggregate' : 'people';
  return { opens: campaign.opens, clicks: campaign.clicks, mode };
}
