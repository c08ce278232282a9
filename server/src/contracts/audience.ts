/**
 * Subscribers, lists, forms, CSV import and export: `server/src/routes/admin/audience.ts`,
 * `controllers/audience/*.ts`, `services/audience/*.ts`.
 */
import type { ApiResponse, ListRef, PageQuery, PageResponse } from './common';

export type SubscriberStatus = 'pending' | 'subscribed' | 'unsubscribed' | 'bounced' | 'complained';
/** An admin may set any status but `pending`, which only the double opt-in gives. */
export type AdminSubscriberStatus = Exclude<SubscriberStatus, 'pending'>;

/** An item of `GET /subscribers`, and every write of one. */
export interface Subscriber {
  id: number;
  email: string;
  name: string | null;
  status: SubscriberStatus;
  /** `admin`, `import`, the slug of the form they used, ... */
  source: string | null;
  locale: string | null;
  /** Values for merge tags (`subscriber.attributes.city`). */
  attributes: Record<string, unknown> | null;
  /** Lists they asked for and join once they confirm. */
  pendingLists: number[];
  lists: ListRef[];
  consentAt: string | null;
  consentIp: string | null;
  consentUserAgent: string | null;
  consentText: string | null;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
  /** Null on a row nothing has counted yet: the column has a default, not NOT NULL. */
  bounceCount: number | null;
  lastBounceAt: string | null;
  /** They asked, on the preferences page, for mail without open and click tracking (issue #14). */
  trackingOptOut: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface SubscriberEventView {
  type: string;
  data: unknown;
  at: string;
}

/** `GET /subscribers/:id`, and what create and update answer: the person with their history. */
export interface SubscriberDetail extends Subscriber {
  events: SubscriberEventView[];
}

/** Body of `POST /subscribers` (email required) and `PUT /subscribers/:id`. */
export interface SubscriberInput {
  email?: string;
  name?: string | null;
  status?: AdminSubscriberStatus;
  lists?: number[];
  attributes?: Record<string, unknown> | null;
  locale?: string | null;
}

export interface SubscriberQuery extends PageQuery {
  status?: SubscriberStatus;
  /** Only the members of this list. */
  list?: number;
}

/** `GET /subscribers/export`: the subscribers this filter matches, as CSV. */
export interface ExportFilter {
  status?: SubscriberStatus;
  list?: number;
  /** People matching this segment's rules (streamed: a large segment is never held in memory). */
  segment?: number;
}

export type SubscriberPage = PageResponse<Subscriber>;

export interface MailingList {
  id: number;
  name: string;
  slug: string;
  description: string | null;
  doubleOptIn: boolean;
  /** Offered on the preferences page. */
  public: boolean;
}

/** An item of `GET /lists`, with its subscribed members. */
export interface MailingListWithCount extends MailingList {
  subscribers: number;
}

/** Body of `POST /lists` (name and slug required) and `PUT /lists/:id`. */
export interface ListInput {
  name?: string;
  slug?: string;
  description?: string | null;
  doubleOptIn?: boolean;
  public?: boolean;
}

/** Whether a form asks for the subscriber's name. */
export type NameField = 'hidden' | 'optional' | 'required';

export interface SubscribeForm {
  id: number;
  name: string;
  slug: string;
  lists: Array<ListRef & { doubleOptIn: boolean }>;
  doubleOptIn: boolean;
  /** Where a browser posting the form lands. */
  successUrl: string | null;
  fields: { name: NameField };
  consentText: string | null;
  provider: string | null;
}

/** What a site needs to show the form: the HTML to paste, and the hosted page's address. */
export interface FormEmbed {
  html: string;
  hostedUrl: string;
}

/** Every answer of the forms API: the form with its embed. */
export interface SubscribeFormWithEmbed extends SubscribeForm {
  embed: FormEmbed;
}

/** Body of `POST /forms` (name and slug required) and `PUT /forms/:id`. */
export interface FormInput {
  name?: string;
  slug?: string;
  lists?: number[];
  doubleOptIn?: boolean;
  successUrl?: string | null;
  fields?: { name?: NameField } | null;
  consentText?: string | null;
  provider?: string | null;
}

/** Header names of the CSV file, per field; `attributes` maps attribute keys to columns. */
export interface ImportMapping {
  email?: string;
  name?: string;
  locale?: string;
  status?: string;
  lists?: string;
  attributes?: Record<string, string>;
}

/** The status of imported rows that have no status column. */
export type ImportedStatus = 'subscribed' | 'unsubscribed';

/**
 * The multipart fields of `POST /subscribers/import` besides `file`: `mapping` and `lists` are
 * sent as JSON text.
 */
export interface ImportFields {
  mapping?: ImportMapping;
  lists?: number[];
  status?: ImportedStatus;
}

/** `POST /subscribers/import` and `GET /subscribers/imports/:id`: an import and how far it got. */
export interface ImportJob {
  id: string;
  status: 'running' | 'done' | 'failed';
  fileBytes: number;
  bytesRead: number;
  /** Data rows read so far (the header is not one). */
  rows: number;
  inserted: number;
  /** Addresses already in the database: they join the lists, nothing else changes. */
  existing: number;
  /** Addresses seen earlier in the same file. */
  duplicates: number;
  /** Erased addresses, which are never added again. */
  suppressed: number;
  invalid: number;
  /** The first invalid lines with the reason, by line number of the file. */
  invalidLines: Array<{ line: number; reason: string }>;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export type ImportJobResponse = ApiResponse<ImportJob>;
