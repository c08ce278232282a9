/** Campaigns: `server/src/routes/admin/campaigns.ts`, `controllers/campaigns.ts`, `services/campaigns.ts`. */
import type { ApiResponse, ListRef, PageQuery, PageResponse } from './common';
import type { AbTest, AbTestInput, CampaignTracking, EngagementRates } from './engagement';

/** A segment as a campaign names it. */
export interface SegmentRef {
  id: number;
  name: string;
}

/** `testing`: an A/B test's sample is out and the rest of the audience waits for the winner. */
export type CampaignStatus = 'draft' | 'scheduled' | 'sending' | 'testing' | 'paused' | 'sent' | 'cancelled';
/** `held`: the part of an A/B test's audience that waits for the winner; never claimed. */
export type DeliveryStatus =
  | 'queued'
  | 'sending'
  | 'sent'
  | 'retry'
  | 'failed'
  | 'bounced'
  | 'unknown'
  | 'skipped'
  | 'held';
/** The delivery statuses an admin may send again (`POST /campaigns/:id/resend`). */
export type ResendableStatus = 'failed' | 'unknown';

/** Messages of a campaign by delivery status, and all of them. */
export type DeliveryCounts = Record<DeliveryStatus | 'total', number>;

/** A Strapi entry chosen for the template (`entries`): its simple fields, with its type and document. */
export type CampaignEntry = Record<string, unknown> & { uid?: string; documentId?: string };

/**
 * The content of a campaign in one more language (a locale of Strapi's i18n). A field left empty
 * takes the default content's. `html` is compiled by the server on save, never sent by the admin.
 */
export interface CampaignVersion {
  locale: string;
  subject?: string | null;
  preheader?: string | null;
  mjml?: string | null;
  entries?: CampaignEntry[] | null;
  html?: string | null;
}

/** A locale of the site (Strapi's i18n): `GET /campaigns/locales`. */
export interface SiteLocale {
  code: string;
  name: string;
  isDefault: boolean;
}

/** A file of the Media Library attached to every message of a campaign. */
export interface AttachmentFile {
  id: number;
  name: string;
  /** Bytes, as the upload plugin measured them. */
  bytes: number;
  mime: string | null;
}

/** What every read of a campaign has: the list leaves out the template, which can be large. */
export interface CampaignBase {
  id: number;
  documentId: string;
  name: string;
  subject: string | null;
  provider: string | null;
  status: CampaignStatus;
  scheduledAt: string | null;
  timezone: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  pauseReason: string | null;
  /** A series step's campaign: its series and position (1 first); null for other campaigns. */
  seriesId: number | null;
  seriesStep: number | null;
  createdAt: string;
  updatedAt: string;
  lists: ListRef[];
  /** Segments whose subscribed people the campaign also reaches (with or instead of lists). */
  segments: SegmentRef[];
  /** What the campaign tracks (issue #14); it applies only where the site enables tracking. */
  tracking: CampaignTracking;
  /** Listed, rendered for an anonymous reader, in its lists' public archives and Atom feeds. */
  public: boolean;
  /** The A/B subject test, or null. */
  abTest: AbTest | null;
}

/** An item of `GET /campaigns`, with its delivery counts. */
export interface CampaignListItem extends CampaignBase {
  counts: DeliveryCounts;
  engagement: EngagementRates;
}

/** `GET /campaigns/:id` and every write: the whole campaign. */
export interface Campaign extends CampaignBase {
  preheader: string | null;
  fromName: string | null;
  fromEmail: string | null;
  replyTo: string | null;
  mjml: string | null;
  /** The compiled template, cached on each write. */
  html: string | null;
  entries: CampaignEntry[] | null;
  /** The language of the default content; null: each recipient's own (or `en`) is the `lang`. */
  defaultLocale: string | null;
  versions: CampaignVersion[] | null;
  /** Upload file ids, in order. */
  attachments: number[] | null;
  /** The attached files as the Media Library has them, and the cap on their total. */
  attachmentFiles: AttachmentFile[];
  maxAttachmentBytes: number;
}

/** Body of `POST /campaigns` (name required) and `PUT /campaigns/:id`; any other field is refused. */
export interface CampaignInput {
  name?: string;
  subject?: string | null;
  preheader?: string | null;
  fromName?: string | null;
  fromEmail?: string | null;
  replyTo?: string | null;
  mjml?: string | null;
  entries?: CampaignEntry[] | null;
  lists?: number[];
  /** Segment ids: the audience is the subscribed people on any list or matching any segment. */
  segments?: number[];
  provider?: string | null;
  defaultLocale?: string | null;
  versions?: CampaignVersion[] | null;
  attachments?: number[] | null;
  tracking?: Partial<CampaignTracking>;
  public?: boolean;
  /** Null removes the test; refused once the campaign has started. */
  abTest?: AbTestInput | null;
}

/** Body of `POST /campaigns/preview` and `/campaigns/:id/preview` (laid over the saved content). */
export type PreviewInput = Pick<CampaignInput, 'name' | 'subject' | 'preheader' | 'mjml' | 'entries'> & {
  /** Preview this language's version: the fields above are that version's unsaved content. */
  locale?: string | null;
};

export interface CampaignListQuery extends PageQuery {
  status?: CampaignStatus;
}

export interface DeliveriesQuery extends PageQuery {
  status?: DeliveryStatus;
}

/** A template problem; `line` is 0 when it is not tied to a line of the MJML. */
export interface CompileError {
  line: number;
  message: string;
  tagName?: string;
  /** Set when the problem is in the subject rather than the MJML. */
  field?: 'subject';
  /** Set when the problem is in a language version rather than the default content. */
  locale?: string;
}

/** The message as a stand-in subscriber would receive it. */
export interface RenderedMessage {
  subject: string;
  html: string;
  text: string;
}

/** One check before sending, run on the sample render; schedule and send now refuse any that fails. */
export interface PreSendCheck {
  id: 'unsubscribe' | 'alt-text' | 'link-schemes' | 'size' | 'text-part' | 'merge-tags';
  ok: boolean;
  message: string;
}

export interface Preview {
  html: string;
  errors: CompileError[];
  /** Null when the template does not compile. */
  message: RenderedMessage | null;
  /** Empty when there is no message to check. */
  checks: PreSendCheck[];
}

export interface ScheduleInput {
  /** ISO 8601 with an offset: the UTC instant. */
  scheduledAt: string;
  /** IANA zone the admin chose, kept for display. */
  timezone: string;
}

export interface ResendInput {
  statuses: ResendableStatus[];
}

export interface TestSendInput {
  /** At most 10 addresses. */
  emails: string[];
}

/** Create, update and duplicate answer the campaign with the problems of its template. */
export type CampaignSaved = ApiResponse<Campaign, { errors: CompileError[] }>;
/** Schedule, send, pause, resume: the campaign as the server now has it. */
export type CampaignControlled = ApiResponse<Campaign>;
export type CampaignCancelled = ApiResponse<Campaign, { skipped: number }>;
export type CampaignResent = ApiResponse<Campaign, { requeued: number }>;
export type TestSent = ApiResponse<{ deliveryIds: number[] }>;
export type CampaignPage = PageResponse<CampaignListItem>;

/** Problem rows that share their last SMTP code, with a few examples. */
export interface ErrorGroup {
  code: string | null;
  count: number;
  examples: Array<{ email: string; status: DeliveryStatus; error: string | null }>;
}

export interface HourBucket {
  /** Start of the hour, UTC. */
  hour: string;
  sent: number;
}

/**
 * What came back about a campaign's messages, over the whole campaign: hard bounces (refused at
 * SMTP, or reported later), soft bounces (reported later, not counted as hard) and spam
 * complaints, each as a count and a fraction of the messages that went out (null before any did).
 */
export interface CampaignFeedback {
  sends: number;
  hardBounces: number;
  softBounces: number;
  complaints: number;
  hardBounceRate: number | null;
  softBounceRate: number | null;
  complaintRate: number | null;
}

/** `GET /campaigns/:id/report`. */
export interface Report {
  campaignId: number;
  status: CampaignStatus;
  counts: DeliveryCounts;
  /** Messages done (sent or ended otherwise) of the audience. */
  progress: { done: number; total: number };
  /** When the provider's limits let the last pending message go; null when they do not bind. */
  eta: string | null;
  errors: ErrorGroup[];
  timeline: HourBucket[];
  feedback: CampaignFeedback;
  /** Counts per language version (null: the default content, when it has no locale). */
  languages: Array<{ locale: string | null; counts: DeliveryCounts }>;
}

/** A recipient of `GET /campaigns/:id/deliveries` and the state of their message. */
export interface Delivery {
  id: number;
  /** Null once the subscriber was erased. */
  subscriberId: number | null;
  email: string;
  status: DeliveryStatus;
  attempts: number;
  sentAt: string | null;
  nextAttemptAt: string | null;
  messageId: string | null;
  lastCode: string | null;
  lastError: string | null;
  updatedAt: string;
}
