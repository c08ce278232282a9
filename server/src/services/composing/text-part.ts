/**
 * The text part: converted from the compiled HTML once per campaign version, as a Liquid template
 * that renders per recipient with html-to-text's layout. See docs/architecture.md, "Composing".
 */
import { compile as compileHtmlToText } from 'html-to-text';
import { Tokenizer, TypeGuards } from 'liquidjs';
import type { RenderOptions, Template } from 'liquidjs';
import { htmlEngine, textEngine } from './engines';

const TEXT_WIDTH = 78;
const HTML_TO_TEXT_SELECTORS = [
  { selector: 'img', format: 'skip' },
  { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
  // The preheader is for the inbox list; it is hidden in the HTML part too.
  { selector: '[style*="display:none"]', format: 'skip' },
];
const htmlToText = compileHtmlToText({ wordwrap: TEXT_WIDTH, selectors: HTML_TO_TEXT_SELECTORS });
// For the text template: lines are wrapped after rendering, when the values' lengths are known.
const htmlToUnwrappedText = compileHtmlToText({ wordwrap: false, selectors: HTML_TO_TEXT_SELECTORS });

// While html-to-text runs, each Liquid tag of the compiled HTML stands as a private-use slot: no
// spaces (word wrap never splits one), no markup. The lowercase `q` tells whether html-to-text
// upper-cased it (a heading, a table header): the value is then upper-cased too.
const SLOT = /\uE100([qQ])(\d+)\uE101/g;

/**
 * The text part as a Liquid template: html-to-text over the compiled HTML with its Liquid tags
 * replaced by slots, then the tags put back. Output tags may vanish (an href html-to-text does
 * not print, an image): their values would not be in the text either. Every other tag must come
 * back exactly once, or the text is made per recipient as before.
 */
export function prepareText(html: string): Template[] | null {
  // In a <pre>, html-to-text keeps every space, which settleValues() does not.
  if (/<pre[\s>]/i.test(html)) return null;
  try {
    const tokens = new Tokenizer(html, htmlEngine.options.operators).readTopLevelTokens(htmlEngine.options);
    const tags: { source: string; output: string | null }[] = [];
    const slotted = tokens
      .map((token) => {
        if (TypeGuards.isHTMLToken(token)) return token.getText();
        const output = TypeGuards.isOutputToken(token) ? token.content : null;
        tags.push({ source: token.getText(), output });
        return `\uE100q${tags.length - 1}\uE101`;
      })
      .join('');
    const text = dropBlockTagLines(htmlToUnwrappedText(slotted), (i) => tags[i].output === null);
    const seen = new Array<number>(tags.length).fill(0);
    for (const match of text.matchAll(SLOT)) seen[Number(match[2])] += 1;
    if (tags.some((tag, i) => seen[i] > 1 || (seen[i] === 0 && tag.output === null))) return null;
    const source = text
      // A `{` of the text (an entry's text had it as &#123;) stays text.
      .replace(/\{/g, '{{ "{" }}')
      .replace(SLOT, (_slot, q: string, index: string) => {
        const { source: tag, output } = tags[Number(index)];
        // Between marks, so that settleValues() can space it as html-to-text spaces text.
        if (output !== null) return `\uE102{{ ${output}${q === 'Q' ? ' | upcase' : ''} }}\uE103`;
        // Whitespace control would pull lines together: html-to-text has laid them out already.
        return tag.replace(/^\{%-/, '{%').replace(/-%\}$/, '%}');
      });
    return textEngine.parse(source);
  } catch {
    return null;
  }
}

/** The text part of one message, from the text template or, without one, from its rendered HTML. */
export function renderText(
  template: Template[] | null,
  html: string,
  vars: object,
  limits: RenderOptions = {},
): string {
  // html-to-text parses the whole document (about 1.5 ms for 40 KB, 50 times the Liquid render):
  // once per campaign version, not once per recipient.
  return template ? wrapLines(settleValues(String(textEngine.renderSync(template, vars, limits)))) : htmlToText(html);
}

const VALUE = /\uE102([^\uE103]*)\uE103/g;
const SPACES_AT_VALUES = /[ \uE102\uE103]*[\uE102\uE103][ \uE102\uE103]*/g;

/**
 * html-to-text collapses whitespace in and around text: a value's own runs of whitespace become
 * one space, so do the spaces on either side of it, and none is left at either end of a line.
 */
function settleValues(text: string): string {
  return text
    .replace(VALUE, (_value, inner: string) => `\uE102${inner.replace(/\s+/g, ' ')}\uE103`)
    .replace(SPACES_AT_VALUES, (run: string, at: number, all: string) => {
      if (!run.includes(' ')) return '';
      const lineStart = at === 0 || all[at - 1] === '\n';
      const lineEnd = at + run.length === all.length || all[at + run.length] === '\n';
      return lineStart || lineEnd ? '' : ' ';
    });
}

/**
 * A line holding only block tags (`{% if %}`, `{% endfor %}`...) moves onto the next line of text,
 * and the blank lines around it count once (the most on either side, as html-to-text collapses
 * block breaks): whichever way the block renders, the text keeps html-to-text's own spacing.
 */
function dropBlockTagLines(text: string, isBlockTag: (slot: number) => boolean): string {
  const out: string[] = [];
  let carried = '';
  let blank = 0;
  let widest = 0;
  for (const line of text.split('\n')) {
    const slots = [...line.matchAll(SLOT)];
    if (slots.length > 0 && line.replace(SLOT, '').trim() === '' && slots.every((m) => isBlockTag(Number(m[2])))) {
      carried += slots.map((m) => m[0]).join('');
      widest = Math.max(widest, blank);
      blank = 0;
    } else if (line.trim() === '') {
      blank += 1;
    } else {
      if (out.length > 0) out.push(...Array<string>(Math.max(widest, blank)).fill(''));
      out.push(carried + line);
      carried = '';
      blank = 0;
      widest = 0;
    }
  }
  if (carried) out.push(carried);
  return out.join('\n');
}

// A line's quote marks and list bullet: continuation lines repeat the marks and indent past the bullet.
const LINE_PREFIX = /^((?:> ?)*)( *(?:[*+-]|\d+\.) +| +)?/;

// Word wrap as html-to-text does it: greedy, at spaces, a word longer than the width on its own line.
function wrapLines(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.length <= TEXT_WIDTH) return line;
      const [prefix, quote, bullet = ''] = LINE_PREFIX.exec(line)!;
      const continuation = quote + ' '.repeat(bullet.length);
      const lines: string[] = [];
      let start = prefix;
      let current = prefix;
      for (const word of line.slice(prefix.length).split(' ')) {
        if (current.length > start.length && current.length + 1 + word.length > TEXT_WIDTH) {
          lines.push(current);
          start = continuation;
          current = continuation + word;
        } else {
          current = current.length > start.length ? `${current} ${word}` : current + word;
        }
      }
      lines.push(current);
      return lines.join('\n');
    })
    .join('\n');
}
