/**
 * Markdown (`richtext` fields) as email-safe HTML: marked renders it, sanitize-html keeps an
 * allow-list of tags and attributes (no script, style, iframe, event attributes or javascript:
 * URLs). See docs/architecture.md, "Content in templates".
 */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { isSafeLink } from './html-escape';
import { absoluteUrl } from './media';

// Our own instance: marked's global options are shared with anything else in the process.
const marked = new Marked({ gfm: true, breaks: false, async: false });

const ALLOWED_TAGS = [
  ...['p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code'],
  ...['strong', 'b', 'em', 'i', 'u', 's', 'del', 'sub', 'sup', 'span'],
  ...['ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
];

function sanitizeOptions(base: string): sanitizeHtml.IOptions {
  return {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      ol: ['start'],
      th: ['align'],
      td: ['align'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    transformTags: {
      // Images come from the Media Library as `/uploads/…`: a mail client needs the whole address.
      img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, src: absoluteUrl(attribs.src, base) ?? '' } }),
      // A relative or scripted link has no address that works in mail: keep its text only.
      a: (tagName, attribs) =>
        attribs.href && isSafeLink(attribs.href) ? { tagName, attribs } : { tagName: 'span', attribs: {} },
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  };
}

/** The sanitised HTML of a Markdown text; anything that is not a string gives an empty string. */
export function markdownToHtml(markdown: unknown, base: string): string {
  if (typeof markdown !== 'string' || markdown.trim() === '') return '';
  return sanitizeHtml(marked.parse(markdown) as string, sanitizeOptions(base)).trim();
}
