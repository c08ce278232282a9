/**
 * Segments and bulk actions (issue #13): `server/src/routes/admin/segments.ts`. Routes under
 * `/email-campaigns`. Reads and counts need `read`; saving segments and bulk actions need
 * `subscribers.write`; a bulk export needs `subscribers.export`.
 */
import type { ApiResponse } from './common';

/**
 * Subscriber fields a condition may name; `attribute` names `attributes.<path>` (path `^[A-Za-z0-9_]{1,64}$`);
 * `engagement` reads the person's human opens and clicks (issue #14).
 */
export type SegmentField =
  | 'status'
  | 'locale'
  | 'email'
  | 'createdAt'
  | 'confirmedAt'
  | 'attribute'
  | 'list'
  | 'engagement';

export type SegmentOperator =
  | 'eq'
  | 'ne'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'contains'
  | 'in'
  | 'exists'
  | 'notExists'
  /** `list` only: member (subscribed on it) or not. */
  | 'inList'
  | 'notInList'
  /** `engagement` only: a human open or click of a campaign (value: its id), or of any (value null or `any`). */
  | 'opened'
  | 'notOpened'
  | 'clicked'
  | 'notClicked'
  /** `engagement` only: no human open in the last N days (value: N, 1 to 3650), on the application clock. */
  | 'notOpenedDays';

export interface SegmentCondition {
  field: SegmentField;
  /** `attribute` only. */
  path?: string;
  operator: SegmentOperator;
  /**
   * Strings, numbers, ISO dates; an array for `in`; a list id for `inList`/`notInList`; none for `exists`;
   * a campaign id, null or `any` for `opened`…`notClicked`; a number of days for `notOpenedDays`.
   */
  value?: string | number | boolean | Array<string | number> | null;
}

/** AND/OR groups, nested; `not` negates the group. */
export interface SegmentGroup {
  match: 'all' | 'any';
  not?: boolean;
  conditions: Array<SegmentCondition | SegmentGroup>;
}

export interface SegmentInput {
  name: string;
  description?: string | null;
  rules: SegmentGroup;
}

export interface Segment extends SegmentInput {
  id: number;
  documentId: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * `POST /segments/count` (body `{ rules }`, unsaved) and `GET /segments/:id/count`: people of any
 * status matching the rules (a campaign takes only the `subscribed` ones: `GET /audience?segments=`).
 * Rules outside the whitelist answer 400 naming the condition (`rules.conditions[1]: …`).
 */
export interface SegmentCount {
  count: number;
}

export type BulkActionName = 'addToList' | 'removeFromList' | 'unsubscribe' | 'erase' | 'export';

/**
 * `POST /subscribers/bulk`: the people are a segment's (`segmentId`), unsaved rules, or chosen ids.
 * Without `confirm`, nothing changes and the answer says how many it would touch; with `confirm`
 * equal to that number it runs (a different number answers 409: the audience moved meanwhile).
 */
export interface BulkActionInput {
  /**
   * Who is touched: `addToList` the `subscribed` people not yet on the list; `removeFromList` those
   * on it; `unsubscribe` those not already unsubscribed or complained; `erase` and `export` everyone.
   */
  action: BulkActionName;
  segmentId?: number;
  rules?: SegmentGroup;
  /** At most 10,000. Exactly one of `segmentId`, `rules` and `subscriberIds`. */
  subscriberIds?: number[];
  /** `addToList` and `removeFromList`. */
  listId?: number;
  confirm?: number;
}

export interface BulkActionResult {
  action: BulkActionName;
  /** People the action touches (or touched, once confirmed). */
  count: number;
  done: boolean;
  /** `export` only: the CSV. */
  csv?: string;
}

export type SegmentResponse = ApiResponse<Segment>;
export type SegmentsResponse = ApiResponse<Segment[]>;
