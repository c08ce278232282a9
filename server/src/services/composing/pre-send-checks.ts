/**
 * Checks before sending, run on the sample render (the stand-in recipient's message as the sender
 * builds it). The editor shows them; schedule and send now refuse a campaign that fails any.
 * Pure: no Strapi, no I/O. See docs/architecture.md, "Composing".
 */
import type { RenderedMessage } from '.';
import { isOpenPixel } from '../tracking/pixel';

export type PreSendCheckId = 'unsubscribe' | 'alt-text' | 'link-schemes' | 'size' | 'text-part' | 'merge-tags';

export interface PreSendCheck {
  id: PreSendCheckId;
  ok: boolean;
  /** What to do when it fails, naming what was found; a short statement when it passes. */
  message: string;
}

/** Gmail clips a message whose HTML passes 102 KB and hides the rest behind "View entire message". */
export const GMAIL_CLIP_BYTES = 102 * 1024;

const ALLOWED_SCHEMES = ['http:', 'https:', 'mailto:', 'tel:'];
const MAX_NAMED = 3;

const IMG_TAG = /<img\b[^>]*>/gi;
const LINK_HREF = /<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
// Merge tags left as written: Liquid that reached the output, and the tags of the tools people paste
// from (Mailchimp's *|FNAME|*, others' [[name]]), which this plugin does not substitute.
const LEFT_TAGS = /\{\{[^}]*\}\}|\{%[^%]*%\}|\*\|[A-Z0-9_:]+\|\*|\[\[[^\]]+\]\]/g;

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3] ?? '') : null;
}

// The entities a rendered message writes braces with (phase 1 writes `{` as `&#123;`).
function decodeBraces(text: string): string {
  return text
    .replace(/&#123;|&#x7b;|&lbrace;/gi, '{')
    .replace(/&#125;|&#x7d;|&rbrace;/gi, '}')
    .replace(/&amp;/g, '&');
}

function named(items: string[]): string {
  const unique = [...new Set(items)];
  const shown = unique.slice(0, MAX_NAMED).map((item) => `"${item.slice(0, 80)}"`);
  return unique.length > MAX_NAMED ? `${shown.join(', ')} and ${unique.length - MAX_NAMED} more` : shown.join(', ');
}

function check(id: PreSendCheckId, problems: string[], fail: (found: string) => string, pass: string): PreSendCheck {
  return problems.length ? { id, ok: false, message: fail(named(problems)) } : { id, ok: true, message: pass };
}

// html-to-text writes a link as its address: a text part of addresses only says nothing.
function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text.replace(/\[?\b[a-z][a-z0-9+.-]*:[^\s\]]*\]?/gi, ''));
}

function schemeOf(href: string): string {
  const match = /^\s*([a-z][a-z0-9+.-]*:)/i.exec(href);
  return match ? match[1].toLowerCase() : '';
}

export function preSendChecks(
  message: RenderedMessage,
  { unsubscribeUrl, ownSubject = message.subject }: { unsubscribeUrl: string; ownSubject?: string },
): PreSendCheck[] {
  const { html, text } = message;
  const images = html.match(IMG_TAG) ?? [];
  // The open pixel is decorative on purpose (alt=""): "Engagement".
  const withoutAlt = images
    .filter((tag) => !isOpenPixel(tag) && !attribute(tag, 'alt')?.trim())
    .map((tag) => attribute(tag, 'src') ?? '');
  const hrefs = [...html.matchAll(LINK_HREF)].map((m) => decodeBraces(m[1] ?? m[2] ?? m[3] ?? '').trim());
  const badLinks = hrefs.filter((href) => !ALLOWED_SCHEMES.includes(schemeOf(href)));
  const bytes = Buffer.byteLength(html, 'utf8');
  // Strapi content arrives with its braces as entities and is delivered as written on purpose
  // (engines.ts): only tags of the campaign's own source count, so the HTML is read undecoded.
  const leftTags = [ownSubject, html].flatMap((part) => part.match(LEFT_TAGS) ?? []);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

  return [
    check(
      'unsubscribe',
      hrefs.some((href) => href === unsubscribeUrl) ? [] : ['{{ unsubscribe_url }}'],
      () => 'Add an unsubscribe link: a link whose address is {{ unsubscribe_url }}.',
      'The message has an unsubscribe link.',
    ),
    check(
      'alt-text',
      withoutAlt,
      (found) => `Give every image alternative text (alt): ${found} has none.`,
      'Every image has alternative text.',
    ),
    check(
      'link-schemes',
      badLinks,
      (found) => `Links must start with http, https, mailto or tel: ${found}.`,
      'Every link uses http, https, mailto or tel.',
    ),
    bytes > GMAIL_CLIP_BYTES
      ? {
          id: 'size',
          ok: false,
          message: `The HTML is ${kb(bytes)}; Gmail clips messages over 102 KB. Shorten the message.`,
        }
      : { id: 'size', ok: true, message: `The HTML is ${kb(bytes)}, under Gmail's 102 KB.` },
    check(
      'text-part',
      hasWords(text) ? [] : ['text'],
      () => 'The plain-text part is empty: add some text, not only images.',
      'The message has a plain-text part.',
    ),
    check(
      'merge-tags',
      leftTags,
      (found) => `Merge tags were left unsubstituted in the sample: ${found}.`,
      'Every merge tag was substituted in the sample.',
    ),
  ];
}

/** The checks that failed, as the sentences a refusal lists. */
export function failedChecks(checks: PreSendCheck[]): PreSendCheck[] {
  return checks.filter((item) => !item.ok);
}
