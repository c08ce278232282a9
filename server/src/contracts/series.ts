/**
 * Welcome and drip series (issue #13): `server/src/routes/admin/series.ts`, under
 * `/email-campaigns/series`. Reads need `read`; writes, pause and resume need `campaigns.send`.
 * Each step is a campaign (its content is edited in the campaign editor); its report is the
 * campaign's report.
 */
import type { ApiResponse, ListRef } from './common';

/** What starts a person's series: confirming (double opt-in) or joining the list by any path. */
export type SeriesTrigger = 'confirmed' | 'joined';

export interface SeriesStepInput {
  /** Existing step (keep its campaign and history); absent for a new one. */
  id?: number;
  /** Minutes after the enrollment (0: at once). */
  delayMinutes: number;
  subject: string;
  /** MJML; absent on update: unchanged. */
  mjml?: string;
}

export interface SeriesInput {
  name: string;
  /** The list whose joiners enroll; leaving it stops their series. */
  listId: number;
  trigger: SeriesTrigger;
  provider?: string | null;
  steps: SeriesStepInput[];
}

export interface SeriesStep {
  id: number;
  position: number;
  delayMinutes: number;
  subject: string;
  campaignId: number;
  /** Delivery counts of the step's campaign. */
  counts: { sent: number; queued: number; failed: number; bounced: number; skipped: number; total: number };
}

export interface Series {
  id: number;
  documentId: string;
  name: string;
  list: ListRef | null;
  trigger: SeriesTrigger;
  provider: string | null;
  paused: boolean;
  /** People enrolled, and of them still active (not finished, not stopped). */
  enrolled: number;
  active: number;
  steps: SeriesStep[];
  createdAt: string;
  updatedAt: string;
}

export type SeriesResponse = ApiResponse<Series>;
export type SeriesListResponse = ApiResponse<Series[]>;
