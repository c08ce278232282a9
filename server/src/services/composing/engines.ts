/**
 * The Liquid engines, one per kind of output: each escapes values the way its output needs.
 * See docs/architecture.md, "Composing".
 */
import { Liquid, filters } from 'liquidjs';
import type { LiquidOptions } from 'liquidjs';

// `templates: {}` gives include, render and layout an empty in-memory file system, so no
// template can read the server's disk. `ownPropertyOnly` keeps prototypes out of reach.
const ENGINE_OPTIONS: LiquidOptions = {
  strictFilters: true,
  ownPropertyOnly: true,
  cache: false,
  templates: {},
};

const escapeHtml = filters.escape as (this: unknown, value: unknown) => string;

// Phase-1 values land in HTML that phase 2 parses again as Liquid: writing `{` as an entity
// keeps `{{ ... }}` in an entry's text from becoming a tag.
function escapeCampaignValue(this: unknown, value: unknown): string {
  return escapeHtml.call(this, value).replace(/\{/g, '&#123;');
}

export const campaignEngine = new Liquid({ ...ENGINE_OPTIONS, outputEscape: escapeCampaignValue });
export const htmlEngine = new Liquid({ ...ENGINE_OPTIONS, outputEscape: 'escape' });
// The subject is a header, not HTML: escaping would show `&amp;` in the inbox.
export const subjectEngine = new Liquid(ENGINE_OPTIONS);
// The text part is plain text too.
export const textEngine = new Liquid(ENGINE_OPTIONS);
