/**
 * The plugin's events for Strapi webhooks: `server/src/routes/admin/settings.ts` (`/settings/events…`),
 * `server/src/services/events/`. See docs/architecture.md, "Events for Strapi webhooks".
 */
import type { ApiResponse } from './common';

/** The names a Strapi webhook subscribes to; the runner posts `{ event, createdAt, ...payload }`. */
export type PluginEventName =
  | 'email-campaigns.subscriber.created'
  | 'email-campaigns.subscriber.confirmed'
  | 'email-campaigns.subscriber.unsubscribed'
  | 'email-campaigns.subscriber.bounced'
  | 'email-campaigns.subscriber.complained'
  | 'email-campaigns.campaign.started'
  | 'email-campaigns.campaign.finished'
  | 'email-campaigns.campaign.paused';

export interface EventListRef {
  id: number;
  slug: string;
}

/** The body of a subscriber event, under `subscriber`; `email` only when the admin chose to include it. */
export interface SubscriberEventPayload {
  id: number;
  documentId: string;
  email?: string;
  status: string;
  /** The lists the event concerns: joined or asked for, confirmed, left; the current ones for a bounce. */
  lists: EventListRef[];
  createdAt: string | null;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
  lastBounceAt: string | null;
}

/** The body of a campaign event, under `campaign`. */
export interface CampaignEventPayload {
  id: number;
  documentId: string;
  name: string;
  status: string;
  provider: string | null;
  lists: EventListRef[];
  scheduledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  pauseReason: string | null;
}

/** A Strapi webhook as the plugin's settings show it: header names only, their values may be secrets. */
export interface StrapiWebhookView {
  id: string;
  name: string;
  url: string;
  isEnabled: boolean;
  events: string[];
  headerNames: string[];
}

/** `GET /settings/events`. */
export interface EventSettings {
  includeAddress: boolean;
  events: PluginEventName[];
  webhooks: StrapiWebhookView[];
}

/** `PUT /settings/events`. */
export interface EventSettingsInput {
  includeAddress: boolean;
}

/** `POST /settings/events/webhooks`: a new Strapi webhook with some of the plugin's events. */
export interface EventWebhookInput {
  name: string;
  url: string;
  headers?: Record<string, string>;
  events: PluginEventName[];
}

/** `PUT /settings/events/webhooks/:id`: the plugin's events of that webhook; its other events are kept. */
export interface EventWebhookEventsInput {
  events: PluginEventName[];
}

export type EventSettingsResponse = ApiResponse<EventSettings>;
export type EventWebhookSaved = ApiResponse<StrapiWebhookView>;
