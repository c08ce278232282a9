/**
 * An image of the Media Library as an `<mj-image>`: an absolute address (mail has no site to be
 * relative to), the format closest above the width it is shown at, its alternative text.
 */

/** What the upload plugin's dialog hands back for each chosen file (the fields used here). */
export interface MediaAsset {
  url: string;
  name: string;
  alternativeText?: string | null;
  width?: number | null;
  formats?: Record<string, { url: string; width: number } | undefined> | null;
}

/** Widths the editor offers: a whole 600 px column, half of it, a small picture. */
export const IMAGE_WIDTHS = [600, 300, 150] as const;

// Twice the shown width keeps the picture sharp on high-density screens.
const DENSITY = 2;

/** The smallest format at least `width × 2` wide, else the largest there is (the original). */
export function pickFormat(asset: MediaAsset, width: number): { url: string; width: number | null } {
  const wanted = width * DENSITY;
  const formats = Object.values(asset.formats ?? {})
    .filter((format): format is { url: string; width: number } => Boolean(format?.url && format.width))
    .sort((a, b) => a.width - b.width);
  const fit = formats.find((format) => format.width >= wanted);
  if (fit && (asset.width ?? Infinity) > fit.width) return fit;
  return { url: asset.url, width: asset.width ?? null };
}

/** An upload provider's address is kept; a local upload (`/uploads/…`) gets the site's public URL. */
export function absoluteUrl(url: string, publicUrl: string): string {
  if (/^https?:\/\//i.test(url)) return url;
  if (url.startsWith('//')) return `https:${url}`;
  return `${publicUrl.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

const escapeAttribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface ImageChoice {
  width: number;
  alt: string;
  publicUrl: string;
}

/** The `src`, `alt` and `width` of an `<mj-image>` for `asset`, as written in MJML (attribute-escaped). */
export function imageAttributes(asset: MediaAsset, { width, alt, publicUrl }: ImageChoice) {
  const format = pickFormat(asset, width);
  const shown = Math.min(width, format.width ?? width, asset.width ?? width);
  return {
    src: escapeAttribute(absoluteUrl(format.url, publicUrl)),
    alt: escapeAttribute(alt.trim()),
    width: `${shown}px`,
  };
}

export function mjImage(asset: MediaAsset, choice: ImageChoice) {
  const { src, alt, width } = imageAttributes(asset, choice);
  return `<mj-image src="${src}" alt="${alt}" width="${width}" />\n`;
}
