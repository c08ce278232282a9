/**
 * An Atom feed (RFC 4287) of a list's public archive: pure, from what the archive service read.
 * See docs/architecture.md, "Engagement" (View in browser and the archive).
 */

export interface AtomEntry {
  /** A permanent IRI: a `tag:` URI that survives a change of slug or of the site's address. */
  id: string;
  title: string;
  /** Absolute URL of the archive copy. */
  url: string;
  published: Date;
  updated: Date;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string | null;
  author: string;
  /** Absolute URLs: the feed itself and the archive page. */
  selfUrl: string;
  pageUrl: string;
  /** When there are no entries: the instant the feed last changed otherwise (the list's). */
  fallbackUpdated: Date;
  entries: AtomEntry[];
}

// Characters XML 1.0 does not allow at all; escaping cannot save them, so they go.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff](?![\udc00-\udfff])/g;

/** Escapes text for XML content and double- or single-quoted attribute values. */
export function escapeXml(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** `tag:` URI (RFC 4151): the authority, the day it was minted, and a path of our own. */
export function tagUri(host: string, minted: Date, specific: string): string {
  return `tag:${host},${minted.toISOString().slice(0, 10)}:${specific}`;
}

const element = (name: string, text: string, indent = '  ') => `${indent}<${name}>${escapeXml(text)}</${name}>\n`;
const link = (rel: string, href: string, type: string, indent = '  ') =>
  `${indent}<link rel="${rel}" type="${type}" href="${escapeXml(href)}"/>\n`;

function entryXml(entry: AtomEntry): string {
  const inner = '    ';
  return (
    '  <entry>\n' +
    element('id', entry.id, inner) +
    element('title', entry.title, inner) +
    link('alternate', entry.url, 'text/html', inner) +
    element('published', entry.published.toISOString(), inner) +
    element('updated', entry.updated.toISOString(), inner) +
    '  </entry>\n'
  );
}

/** The feed document; `updated` is the latest entry's. */
export function buildAtomFeed(feed: AtomFeed): string {
  const latest = feed.entries.reduce(
    (max, entry) => (entry.updated > max ? entry.updated : max),
    feed.entries.length ? new Date(0) : feed.fallbackUpdated,
  );
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<feed xmlns="http://www.w3.org/2005/Atom">\n' +
    element('id', feed.id) +
    element('title', feed.title) +
    (feed.subtitle ? element('subtitle', feed.subtitle) : '') +
    element('updated', latest.toISOString()) +
    `  <author>\n${element('name', feed.author, '    ')}  </author>\n` +
    link('self', feed.selfUrl, 'application/atom+xml') +
    link('alternate', feed.pageUrl, 'text/html') +
    feed.entries.map(entryXml).join('') +
    '</feed>\n'
  );
}
