/**
 * The content API for Strapi API tokens (`/api/email-campaigns/…`, `server/src/routes/token-api.ts`):
 * request bodies. Answers reuse the admin API's shapes (Subscriber, MailingList, campaigns, Report).
 */

/** A list by id or by slug. */
export type ListRefInput = number | string;

/** Consent the site obtained itself: where (its form, its checkout…) and when; optionally the IP and the text. */
export interface ApiConsent {
  source: string;
  /** ISO 8601. */
  at: string;
  ip?: string;
  text?: string;
}

/** `PUT /subscribers`: creates or updates the person with this address. */
export interface ApiSubscriberInput {
  email: string;
  name?: string | null;
  locale?: string | null;
  attributes?: Record<string, unknown> | null;
  lists: ListRefInput[];
  consent?: ApiConsent;
}

/** `POST /campaigns`: a draft from a saved template (its id) or a starter (its key). */
export interface ApiCampaignInput {
  name: string;
  template: number | string;
  subject?: string;
  preheader?: string;
  lists: ListRefInput[];
  provider?: string;
}
