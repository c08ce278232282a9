/**
 * Publish rules (issue #12): `server/src/routes/admin/publish-rules.ts`. Every route is under
 * `/email-campaigns/publish-rules`. Reads need `read`; writes (create, update, pause, resume) need
 * `campaigns.send`, because a rule sends campaigns on its own.
 */
import type { ApiResponse } from './common';

export type PublishRuleMode = 'each' | 'digest';
/** What "each" does with an entry's campaign: send at once, after `delayMinutes`, or leave a draft. */
export type PublishRuleEachAction = 'send' | 'delay' | 'draft';
export type DigestFrequency = 'daily' | 'weekly' | 'monthly';

/** One condition on the entry's own fields, all of which must hold (e.g. category = news). */
export interface PublishRuleCondition {
  field: string;
  operator: 'eq' | 'ne' | 'contains' | 'in';
  value: string | number | boolean | Array<string | number>;
}

export interface DigestSchedule {
  frequency: DigestFrequency;
  /** `HH:mm` in `timezone`. */
  time: string;
  /** IANA, e.g. `Europe/Paris`. */
  timezone: string;
  /** 1 = Monday … 7 = Sunday; weekly only. */
  weekday?: number | null;
  /** 1 … 28; monthly only. */
  dayOfMonth?: number | null;
}

/** The body of `POST /publish-rules` and `PUT /publish-rules/:id`. */
export interface PublishRuleInput {
  name: string;
  /** A collection type with Draft & Publish, e.g. `api::article.article`. */
  contentType: string;
  conditions?: PublishRuleCondition[];
  /**
   * Where the message comes from: a campaign's content (`campaign:<id>`), a saved template (`template:<id>`)
   * or a starter (`starter-<name>`).
   */
  template: string;
  /** List ids. */
  lists: number[];
  provider?: string | null;
  mode: PublishRuleMode;
  eachAction?: PublishRuleEachAction | null;
  delayMinutes?: number | null;
  digest?: DigestSchedule | null;
  /** Locales whose publishes count; empty or absent: every locale. */
  locales?: string[] | null;
}

export interface PublishRule extends PublishRuleInput {
  id: number;
  documentId: string;
  /** Paused rules record nothing and send nothing. */
  paused: boolean;
  /** When the rule began: entries first published before it are never sent by it. */
  activeSince: string;
  /** Digest only: when the next issue is due. */
  nextDigestAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One entry a rule recorded, and what became of it: `GET /publish-rules/:id/history`. */
export interface PublishRecord {
  id: number;
  documentId: string;
  locale: string | null;
  title: string | null;
  recordedAt: string;
  /**
   * `pending`: waiting for the tick or the digest; `sent`: in a campaign that was scheduled; `held`: in a
   * campaign left a draft (for review, or because it could not be scheduled: `note` says why); `dropped`:
   * unpublished or deleted first; `preexisting`: published before the rule began, never sent (not in history).
   */
  state: 'pending' | 'sent' | 'held' | 'dropped' | 'preexisting';
  campaignId: number | null;
  /** Why a record was held or dropped. */
  note: string | null;
}

export interface PublishRuleHistory {
  records: PublishRecord[];
  campaigns: Array<{ id: number; name: string; status: string; createdAt: string }>;
}

/** `GET /publish-rules/:id/preview`: the next digest as it would go out now, rendered for the stand-in recipient. */
export interface DigestPreview {
  entries: number;
  subject: string;
  html: string;
  /** When it is due; null when the period holds no entry (nothing would be sent). */
  dueAt: string | null;
}

export type PublishRuleResponse = ApiResponse<PublishRule>;
export type PublishRulesResponse = ApiResponse<PublishRule[]>;
