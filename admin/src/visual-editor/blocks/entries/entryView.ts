/**
 * What the canvas shows of a chosen entry (resolved by the server as templates see it: media with
 * absolute URLs): its title and its first image.
 */
import type { CampaignEntry } from '../../../../../server/src/contracts';

export const entryTitle = (entry: CampaignEntry) =>
  String(entry.title ?? entry.name ?? entry.headline ?? entry.label ?? entry.documentId ?? '');

interface ImageValue {
  url: string;
  alternativeText?: string | null;
}

const isImage = (value: unknown): value is ImageValue => {
  if (!value || typeof value !== 'object') return false;
  const { url, mime } = value as { url?: unknown; mime?: unknown };
  return typeof url === 'string' && /^https?:\/\//.test(url) && (typeof mime !== 'string' || mime.startsWith('image/'));
};

export function entryImage(entry: CampaignEntry): ImageValue | null {
  for (const value of Object.values(entry)) {
    if (isImage(value)) return value;
  }
  return null;
}
