/**
 * The template cut into a flat list of tokens with their offsets, read the way mjml 5.4.1 reads it
 * (mjml-parser-xml: htmlparser2's Parser with the same options). Every byte outside an ending tag's
 * content belongs to exactly one token, so the tree built from them can hand back the source unchanged.
 *
 * MJML's "ending tags" (`mj-text`, `mj-button`, `mj-raw`, ...) hold HTML that need not be well-formed
 * XML (`<br>` unclosed, `a < b`): their content runs to the matching close tag, counted the way mjml
 * counts it, and is one opaque token; the HTML inside is never trusted for structure.
 */
import { Parser } from 'htmlparser2';
import { lineAt } from './lines';
import type { Attribute } from './types';

/** The components of mjml 5.4.1 with `endingTag = true`. */
export const ENDING_TAGS: ReadonlySet<string> = new Set([
  'mj-accordion-text',
  'mj-accordion-title',
  'mj-breakpoint',
  'mj-button',
  'mj-carousel-image',
  'mj-navbar-link',
  'mj-preview',
  'mj-raw',
  'mj-social-element',
  'mj-style',
  'mj-table',
  'mj-text',
  'mj-title',
]);

interface Span {
  start: number;
  /** Exclusive. */
  end: number;
}

/** An open tag; a self-closing one (or an HTML void element) has no close token. */
export interface OpenToken extends Span {
  type: 'open';
  name: string;
  attributes: Attribute[];
  selfClosing: boolean;
}

export interface CloseToken extends Span {
  type: 'close';
  name: string;
}

/** An ending-tag element whole: open tag (start..openEnd), content (openEnd..closeStart), close tag. */
export interface EndingToken extends Span {
  type: 'ending';
  name: string;
  attributes: Attribute[];
  openEnd: number;
  closeStart: number;
}

/** Text, a comment, or a processing instruction or declaration (`<?xml … ?>`, `<!DOCTYPE …>`). */
export interface PlainToken extends Span {
  type: 'text' | 'comment' | 'other';
}

export type Token = OpenToken | CloseToken | EndingToken | PlainToken;

export type Tokens = { ok: true; tokens: Token[] } | { ok: false; reason: string };

interface PendingEnding {
  name: string;
  start: number;
  openEnd: number;
  attributes: Attribute[];
}

export function tokenize(source: string): Tokens {
  const tokens: Token[] = [];
  const open: OpenToken[] = [];
  let attributes: Attribute[] = [];
  let depthInEnding = 0;
  let ending: PendingEnding | null = null;
  let problem: string | null = null;
  const fail = (sentence: string) => {
    problem ??= sentence;
  };
  // htmlparser2's startIndex is left inside a close tag written `</mj-section\n>`: a token starts no
  // earlier than the previous one ends.
  const from = () => Math.max(parser.startIndex, tokens.length ? tokens[tokens.length - 1].end : 0);
  const tagStart = () => source.indexOf('<', from());
  const unclosed = (name: string, start: number) =>
    fail(`The <${name}> on line ${lineAt(source, start)} is not closed.`);

  const parser: Parser = new Parser(
    {
      onopentagname() {
        attributes = [];
      },
      onattribute(name, value) {
        attributes.push({ name, value });
      },
      onopentag(name) {
        const start = tagStart();
        const end = parser.endIndex + 1;
        if (depthInEnding > 0) {
          if (ENDING_TAGS.has(name)) depthInEnding++;
          return;
        }
        if (ENDING_TAGS.has(name)) {
          depthInEnding = 1;
          ending = { name, start, openEnd: end, attributes };
          return;
        }
        const token: OpenToken = { type: 'open', name, attributes, selfClosing: false, start, end };
        tokens.push(token);
        open.push(token);
      },
      onclosetag(name, isImplied) {
        // A close tag's index is its name's end (`</mj-text >`), an implied one's is where it was implied.
        const end = isImplied ? parser.endIndex + 1 : source.indexOf('>', parser.endIndex) + 1;
        if (depthInEnding > 0) {
          if (!ENDING_TAGS.has(name)) return;
          depthInEnding--;
          if (depthInEnding > 0 || !ending) return;
          const element = ending;
          ending = null;
          // Self-closing: the close comes at once, at the open tag's own end.
          if (isImplied && end === element.openEnd) {
            tokens.push({ type: 'ending', ...element, closeStart: end, end });
          } else if (isImplied) {
            unclosed(element.name, element.start);
          } else {
            tokens.push({ type: 'ending', ...element, closeStart: source.lastIndexOf('<', end - 1), end });
          }
          return;
        }
        const element = open.pop();
        if (!element) return;
        if (isImplied && end === element.end && tokens[tokens.length - 1] === element) {
          element.selfClosing = true;
        } else if (isImplied) {
          unclosed(element.name, element.start);
        } else {
          tokens.push({ type: 'close', name, start: source.lastIndexOf('<', end - 1), end });
        }
      },
      ontext() {
        if (depthInEnding > 0) return;
        const start = from();
        const end = parser.endIndex + 1;
        const last = tokens[tokens.length - 1];
        // htmlparser2 may hand one run of text over in pieces.
        if (last && last.type === 'text' && last.end === start) last.end = end;
        else tokens.push({ type: 'text', start, end });
      },
      oncomment() {
        if (depthInEnding === 0) tokens.push({ type: 'comment', start: tagStart(), end: parser.endIndex + 1 });
      },
      onprocessinginstruction() {
        if (depthInEnding === 0) tokens.push({ type: 'other', start: tagStart(), end: parser.endIndex + 1 });
      },
    },
    { recognizeCDATA: true, decodeEntities: false, recognizeSelfClosing: true, lowerCaseAttributeNames: false },
  );
  parser.write(source);
  parser.end();
  if (problem) return { ok: false, reason: problem };
  const gap = findGap(source, tokens);
  return gap ? { ok: false, reason: gap } : { ok: true, tokens };
}

/** htmlparser2 drops a close tag that closes nothing: its bytes are then in no token. */
function findGap(source: string, tokens: Token[]): string | null {
  let at = 0;
  for (const token of [...tokens, { start: source.length, end: source.length }]) {
    if (token.start > at) {
      const gap = source.slice(at, token.start);
      const stray = /<\/[^\s>]*>?/.exec(gap)?.[0] ?? gap.trim();
      return `The ${stray} on line ${lineAt(source, at + gap.indexOf(stray))} closes no open tag.`;
    }
    at = token.end;
  }
  return null;
}
