/** Templates: `server/src/routes/admin/templates.ts`, `controllers/templates.ts`, `services/templates.ts`. */
import type { ApiResponse } from './common';
import type { TrackingSettings } from './settings';

/** A template to start a campaign from: one of the starters, or one saved from a campaign. */
export interface CampaignTemplate {
  /** `starter-<name>` for the starters, the row id as text for saved ones. */
  key: string;
  /** Null for the starters, which live in the plugin's code and cannot be deleted. */
  id: number | null;
  starter: boolean;
  name: string;
  subject: string | null;
  preheader: string | null;
  mjml: string;
  /** The template rendered for the stand-in recipient: its thumbnail. */
  html: string;
}

/** Body of `POST /templates`: "Save as template" sends the campaign's content. */
export interface TemplateInput {
  name: string;
  subject?: string | null;
  preheader?: string | null;
  mjml: string;
}

export type TemplateList = ApiResponse<CampaignTemplate[]>;
export type TemplateSaved = ApiResponse<CampaignTemplate>;

/**
 * `GET /composer`: what the editor needs from the server's config: absolute addresses (images of
 * local uploads), and whether the site tracks opens and clicks at all (its tracking controls warn).
 */
export interface ComposerSettings {
  /** The public base URL links in mail start with, without a trailing slash. */
  publicUrl: string;
  /** The site's `tracking.enabled` and `tracking.aggregateOnly` (docs/architecture.md, "Engagement"). */
  tracking: TrackingSettings;
}
