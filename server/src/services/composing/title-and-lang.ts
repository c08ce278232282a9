/**
 * The per-recipient title and language of a message's HTML. MJML writes the title twice, in
 * `<title>` and as the `aria-label` of the body's email wrapper (which screen readers announce),
 * and the language (`lang="und"` unless told) on `<html>` and on that wrapper. A template's
 * `<mj-title>{{ campaign.subject }}</mj-title>` only has the subject as written, Liquid included:
 * each message gets its rendered subject and its recipient's language instead.
 * See docs/architecture.md, "Composing".
 */

/** The site's language, for recipients whose own is unknown. */
export const DEFAULT_LANG = 'en';

// A BCP 47 tag as subscribers' locales hold them (`vi`, `pt-BR`, `zh-Hant-TW`); `pt_BR` is accepted too.
const LANGUAGE_TAG = /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i;

/** The `lang` of a recipient's locale, or the site's default when it is missing or malformed. */
export function htmlLang(locale: unknown): string {
  return typeof locale === 'string' && LANGUAGE_TAG.test(locale) ? locale.replace(/_/g, '-') : DEFAULT_LANG;
}

// A start tag read to its real end: a `>` inside a quoted attribute value does not close it.
const START_TAG = (name: string) => new RegExp(`<${name}\\b(?:[^>"']|"[^"]*"|'[^']*')*>`, 'iy');
const TITLE = /<title\b[^>]*>[\s\S]*?<\/title>/i;
const WRAPPER_MARK = 'aria-roledescription="email"';

// Braces as entities, like Strapi content in the body: a subject that shows an entry's `{{ … }}`
// stays text to anyone reading the HTML, and is not taken for a merge tag left over.
const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\{/g, '&#123;')
    .replace(/\}/g, '&#125;');

/** Sets (or adds) attributes of one start tag; values are already escaped. */
function setAttributes(tag: string, values: Record<string, string>): string {
  let result = tag;
  for (const [name, value] of Object.entries(values)) {
    const existing = new RegExp(`(\\s${name}\\s*=\\s*)("[^"]*"|'[^']*'|[^\\s>]*)`, 'i');
    // Replacement callbacks, not strings: a `$&` in a subject must stay text.
    result = existing.test(result)
      ? result.replace(existing, (_all, before: string) => `${before}"${value}"`)
      : result.replace(/\s*\/?>$/, (end) => ` ${name}="${value}"${end}`);
  }
  return result;
}

/** Sets attributes of the `name` start tag that begins at `start` (-1: none, nothing changes). */
function replaceStartTag(html: string, name: string, start: number, values: Record<string, string>): string {
  if (start === -1) return html;
  const pattern = START_TAG(name);
  pattern.lastIndex = start;
  const tag = pattern.exec(html)?.[0];
  if (!tag) return html;
  return html.slice(0, start) + setAttributes(tag, values) + html.slice(start + tag.length);
}

/**
 * Sets the title and the language of a rendered HTML document. Only the head, the `<html>` tag
 * and MJML's email wrapper are touched, never content (an SVG `<title>`, say); a fragment without
 * a head is returned as is.
 */
export function withTitleAndLang(html: string, { title, lang }: { title: string; lang: string }): string {
  const headEnd = html.search(/<\/head>/i);
  if (headEnd === -1) return html;
  const text = escapeHtml(title);
  const language = escapeHtml(lang);
  const element = `<title>${text}</title>`;
  const documentHead = html.slice(0, headEnd);
  let head = replaceStartTag(documentHead, 'html', documentHead.search(/<html\b/i), { lang: language });
  head = TITLE.test(head) ? head.replace(TITLE, () => element) : head.replace(/<head\b[^>]*>/i, (tag) => tag + element);

  let body = html.slice(headEnd);
  const mark = body.indexOf(WRAPPER_MARK);
  if (mark !== -1) {
    body = replaceStartTag(body, 'div', body.lastIndexOf('<div', mark), { 'aria-label': text, lang: language });
  }
  return head + body;
}
