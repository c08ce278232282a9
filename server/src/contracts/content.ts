/** Strapi entries for templates: `POST /content/entries` (docs/architecture.md, "Content in templates"). */
import type { CampaignEntry } from './campaigns';

/** Published entries of one collection type, in one locale when the type is localised. */
export interface EntriesRequest {
  uid: string;
  documentIds: string[];
  locale?: string | null;
}

/** The entries as templates see them, in the order asked; deleted or unpublished ones are left out. */
export interface EntriesAnswer {
  data: CampaignEntry[];
}
