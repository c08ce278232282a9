/**
 * The links of a campaign's compiled HTML that clicks are tracked through, and the rewrite that
 * puts a per-recipient slot in their place (docs/architecture.md, "Engagement"). Pure: no Strapi.
 *
 * htmlparser2's tokenizer finds each `<a>` and the exact offsets of its attributes, so the
 * rewrite changes an `href` value or drops a `data-no-track` attribute and keeps every other byte
 * of the HTML as MJML wrote it.
 */
import { Tokenizer } from 'htmlparser2';

/** An attribute's quoting, as htmlparser2's tokenizer reports it (its `QuoteType`). */
const NO_VALUE = 0;
const UNQUOTED = 1;

/** Longer URLs stay as written: no campaign-link row is made for them. */
export const MAX_TRACKED_URL_CHARS = 8000;

const NO_TRACK = 'data-no-track';
const ABSOLUTE_HTTP = /^https?:\/\/[^\s/?#]/i;

interface Span {
  start: number;
  end: number;
}

/** One `<a>` of the HTML: where its first `href` value is, and its `data-no-track` attribute. */
export interface Anchor {
  /** The `href` value as written (offsets exclude the quotes); null without an href. */
  href: (Span & { quoted: boolean; value: string }) | null;
  /** The whole `data-no-track` attribute with the whitespace before it; null when not marked. */
  noTrack: Span | null;
}

interface OpenAttribute {
  name: string;
  nameStart: number;
  nameEnd: number;
  value: string;
  valueStart: number | null;
}

/** Every `<a>` start tag of the HTML, in order. Anchors inside comments (Outlook's) are not read. */
export function findAnchors(html: string): Anchor[] {
  const anchors: Anchor[] = [];
  let current: Anchor | null = null;
  let attribute: OpenAttribute | null = null;
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname(start, end) {
        current = html.slice(start, end).toLowerCase() === 'a' ? { href: null, noTrack: null } : null;
      },
      onattribname(start, end) {
        attribute = {
          name: html.slice(start, end).toLowerCase(),
          nameStart: start,
          nameEnd: end,
          value: '',
          valueStart: null,
        };
      },
      onattribdata(start, end) {
        if (!attribute) return;
        attribute.valueStart ??= start;
        attribute.value += html.slice(start, end);
      },
      onattribentity(codepoint) {
        if (attribute) attribute.value += String.fromCodePoint(codepoint);
      },
      onattribend(quote, end) {
        if (current && attribute) recordAttribute(html, current, attribute, quote, end);
        attribute = null;
      },
      onopentagend() {
        if (current) anchors.push(current);
        current = null;
      },
      onselfclosingtag() {
        if (current) anchors.push(current);
        current = null;
      },
      onclosetag() {},
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      ontext() {},
      ontextentity() {},
      onend() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  return anchors;
}

function recordAttribute(html: string, anchor: Anchor, attribute: OpenAttribute, quote: number, end: number) {
  if (attribute.name === NO_TRACK && !anchor.noTrack) {
    // The tokenizer's end is the closing quote of a quoted value, the value's end otherwise.
    const attributeEnd = quote === NO_VALUE ? attribute.nameEnd : quote === UNQUOTED ? end : end + 1;
    let start = attribute.nameStart;
    while (start > 0 && /\s/.test(html[start - 1])) start--;
    anchor.noTrack = { start, end: attributeEnd };
  } else if (attribute.name === 'href' && !anchor.href && quote !== NO_VALUE) {
    // A value that starts with an entity has no data callback before it: find its opening.
    const valueStart = attribute.valueStart ?? valueOffset(html, attribute.nameEnd, quote);
    anchor.href = { start: Math.min(valueStart, end), end, quoted: quote !== UNQUOTED, value: attribute.value };
  }
}

/** The offset of an attribute's value: past `=`, the spaces around it and the opening quote. */
function valueOffset(html: string, nameEnd: number, quote: number): number {
  let at = nameEnd;
  while (at < html.length && html[at] !== '=') at++;
  at++;
  while (at < html.length && /\s/.test(html[at])) at++;
  return quote === UNQUOTED ? at : at + 1;
}

/**
 * The URL a click on this anchor would be tracked to, or null when it is left alone: no href,
 * marked `data-no-track`, not an absolute http(s) URL (mailto:, tel:, relative, other schemes),
 * or holding Liquid, which after phase 1 means a recipient-level value (unsubscribe, preferences,
 * view in browser, `{{ subscriber.id }}`).
 */
export function trackedUrl(anchor: Anchor): string | null {
  if (!anchor.href || anchor.noTrack) return null;
  // Browsers strip the whitespace around an href before they follow it.
  const url = anchor.href.value.trim();
  if (!ABSOLUTE_HTTP.test(url) || url.includes('{{') || url.includes('{%')) return null;
  if (url.length > MAX_TRACKED_URL_CHARS || !URL.canParse(url)) return null;
  return url;
}

/** The distinct tracked URLs of the HTML, in the order they first appear. */
export function trackedUrls(anchors: Anchor[]): string[] {
  const urls = new Set<string>();
  for (const anchor of anchors) {
    const url = trackedUrl(anchor);
    if (url !== null) urls.add(url);
  }
  return [...urls];
}

/**
 * The HTML with every `data-no-track` attribute removed and, when `slot` is given, each tracked
 * href's value replaced by `slot(url)` (written inside double quotes when it had none). Every
 * other byte stays as it was.
 */
export function rewriteAnchors(html: string, anchors: Anchor[], slot: ((url: string) => string) | null): string {
  const edits: Array<Span & { text: string }> = [];
  for (const anchor of anchors) {
    if (anchor.noTrack) edits.push({ ...anchor.noTrack, text: '' });
    const url = slot ? trackedUrl(anchor) : null;
    if (url === null || !anchor.href || !slot) continue;
    const text = anchor.href.quoted ? slot(url) : `"${slot(url)}"`;
    edits.push({ start: anchor.href.start, end: anchor.href.end, text });
  }
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += html.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + html.slice(at);
}
