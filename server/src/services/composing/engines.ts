/**
 * The Liquid engines, one per kind of output: each escapes values the way its output needs.
 * See docs/architecture.md, "Composing".
 */
import { Liquid, filters, toValue } from 'liquidjs';
import type { LiquidOptions } from 'liquidjs';
import { PARSE_LIMIT_CHARS, RECIPIENT_MEMORY_UNITS, RECIPIENT_RENDER_MS } from './limits';

// `templates: {}` gives include, render and layout an empty in-memory file system, so no
// template can read the server's disk. `ownPropertyOnly` keeps prototypes out of reach. The
// limits are those of a per-recipient render; phase 1 passes its own (index.ts).
const ENGINE_OPTIONS: LiquidOptions = {
  strictFilters: true,
  ownPropertyOnly: true,
  cache: false,
  templates: {},
  parseLimit: PARSE_LIMIT_CHARS,
  renderLimit: RECIPIENT_RENDER_MS,
  memoryLimit: RECIPIENT_MEMORY_UNITS,
};

const escapeHtml = filters.escape as (this: unknown, value: unknown) => string;

// Phase-1 values land in HTML that phase 2 parses again as Liquid: writing `{` as an entity
// keeps `{{ ... }}` in an entry's text from becoming a tag.
const keepBraces = (text: string) => text.replace(/\{/g, '&#123;');

function escapeCampaignValue(this: unknown, value: unknown): string {
  return keepBraces(escapeHtml.call(this, value));
}

// What liquidjs writes for a value: arrays joined, nothing for nil.
function asText(value: unknown): string {
  const plain = toValue(value);
  if (Array.isArray(plain)) return plain.map(asText).join('');
  return plain === null || plain === undefined ? '' : String(plain);
}

export const campaignEngine = new Liquid({ ...ENGINE_OPTIONS, outputEscape: escapeCampaignValue });
// `| raw` skips the output escape, not the braces: Strapi content never runs as Liquid in phase 2.
campaignEngine.registerFilter('raw', { raw: true, handler: (value: unknown) => keepBraces(asText(value)) });
export const htmlEngine = new Liquid({ ...ENGINE_OPTIONS, outputEscape: 'escape' });
// The subject is a header, not HTML: escaping would show `&amp;` in the inbox.
export const subjectEngine = new Liquid(ENGINE_OPTIONS);
// The text part is plain text too.
export const textEngine = new Liquid(ENGINE_OPTIONS);
