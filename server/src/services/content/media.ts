/**
 * Media Library files as templates see them: absolute URLs, so images load in a mail client
 * (docs/architecture.md, "Content in templates").
 */

export interface TemplateImageFormat {
  url: string | null;
  width: number | null;
  height: number | null;
}

export interface TemplateMedia {
  url: string | null;
  alternativeText: string | null;
  caption: string | null;
  width: number | null;
  height: number | null;
  mime: string | null;
  name: string | null;
  formats: Partial<Record<FormatName, TemplateImageFormat>>;
}

const FORMAT_NAMES = ['thumbnail', 'small', 'medium', 'large'] as const;
type FormatName = (typeof FORMAT_NAMES)[number];

/**
 * An upload URL made absolute against `base` (the plugin's public URL): the local provider stores
 * `/uploads/x.png`, cloud providers store full URLs. Any scheme other than http(s) gives null.
 */
export function absoluteUrl(url: unknown, base: string): string | null {
  if (typeof url !== 'string' || url.trim() === '') return null;
  const trimmed = url.trim();
  if (/^https?:\/\//i.test(trimmed)) return trimmed;
  if (trimmed.startsWith('//')) return `https:${trimmed}`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return null;
  return `${base.replace(/\/+$/, '')}/${trimmed.replace(/^\/+/, '')}`;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const number = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** One file of the Media Library; anything that is not a file gives null. */
export function toTemplateMedia(file: unknown, base: string): TemplateMedia | null {
  if (!file || typeof file !== 'object') return null;
  const source = record(file);
  const formats: TemplateMedia['formats'] = {};
  for (const name of FORMAT_NAMES) {
    const format = record(record(source.formats)[name]);
    if (Object.keys(format).length === 0) continue;
    formats[name] = { url: absoluteUrl(format.url, base), width: number(format.width), height: number(format.height) };
  }
  return {
    url: absoluteUrl(source.url, base),
    alternativeText: text(source.alternativeText),
    caption: text(source.caption),
    width: number(source.width),
    height: number(source.height),
    mime: text(source.mime),
    name: text(source.name),
    formats,
  };
}
