/** The landing page and the editor's audience: `server/src/routes/admin/overview.ts`, `services/overview.ts`. */
import type { CampaignStatus, DeliveryCounts } from './campaigns';
import type { ListRef } from './common';
import type { ProviderView } from './settings';

/** Where a provider's or a campaign's rates stand against the circuit breaker's thresholds. */
export type ReputationLevel = 'unjudged' | 'ok' | 'warn' | 'pause';

/**
 * Bounce and complaint rates as the reputation circuit breaker judges them: hard bounces over the
 * last `feedback.breaker.bounceWindow` sends, complaints over the recent sends (the last
 * `complaintWindow` of them, within `complaintDays`). A rate is null while its window holds fewer
 * than `minSends` messages.
 */
export interface ReputationRates {
  bounceSends: number;
  hardBounces: number;
  bounceRate: number | null;
  complaintSends: number;
  complaints: number;
  complaintRate: number | null;
  level: ReputationLevel;
  limits: { minSends: number; bounceRate: number; complaintWarnRate: number; complaintPauseRate: number };
}

/** A provider with the messages it sent in each rolling window, and why it is paused, if it is. */
export interface ProviderUsage extends ProviderView {
  usage: { perMinute: number; perHour: number; perDay: number };
  pausedUntil: string | null;
  pauseReason: string | null;
  lastError: string | null;
  reputation: ReputationRates;
}

/** `POST /providers/:name/resume`: the pause lifted; the breaker judges only what is sent from now on. */
export interface ProviderResumed {
  name: string;
  resumedAt: string;
}

export interface RecentCampaign {
  id: number;
  name: string;
  status: CampaignStatus;
  scheduledAt: string | null;
  timezone: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
  counts: DeliveryCounts;
  /** Messages done (sent or ended otherwise) of the audience. */
  progress: { done: number; total: number };
}

export interface NextScheduled {
  id: number;
  name: string;
  scheduledAt: string;
  timezone: string | null;
}

/** `GET /overview`. */
export interface Overview {
  /** Subscribed people, lists and campaigns. */
  counts: { subscribers: number; lists: number; campaigns: number };
  providers: ProviderUsage[];
  recentCampaigns: RecentCampaign[];
  nextScheduled: NextScheduled | null;
}

/** `GET /audience?lists=1,2&provider=main`. */
export interface AudienceQuery {
  /** Comma-separated list ids. */
  lists?: string;
  /** Comma-separated segment ids: their subscribed people count too. */
  segments?: string;
  /** The provider whose limits set the ETA; the default one when left out. */
  provider?: string;
}

/** `GET /audience`: every list with its subscribed members, and who a campaign to the chosen lists reaches. */
export interface Audience {
  lists: Array<ListRef & { subscribers: number }>;
  /** Distinct subscribed people on the chosen lists or matching the chosen segments. */
  selected: number;
  /** When the provider's limits let the last of them go; null when they all fit now. */
  eta: string | null;
}
