/**
 * The open pixel's answer (docs/architecture.md, "Engagement", "Hits answer from memory"): a 1×1
 * transparent GIF89a of 43 bytes, built once. Palette white and black, the graphic control
 * extension marks index 0 (white) transparent, and the one pixel is index 0.
 */
export const TRANSPARENT_GIF: Buffer = Buffer.from(
  'R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==',
  'base64',
);

/** Headers that keep every cache and proxy from answering an open in our place. */
export const PIXEL_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'image/gif',
  'Cache-Control': 'no-store, no-cache, must-revalidate, private, max-age=0',
  Pragma: 'no-cache',
  Expires: '0',
};
