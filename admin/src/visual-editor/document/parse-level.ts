/**
 * The children of one container (the body, a section, a column, a social block) read from the tokens:
 * the elements the editor models become nodes, everything else a raw run holding its exact bytes.
 * Whitespace between nodes is kept as the next node's `leading`, or the container's `trailing`.
 */
import { newId } from './ids';
import { blockEnd, isBlockTag, isEntriesLoop, liquidAt, nextLiquid, type LiquidMark } from './liquid';
import { lineAt } from './lines';
import type { EndingToken, OpenToken, Token } from './tokens';
import type { AnyNode, ElementParts, RawNode, RawReason } from './types';

export type Level = 'body' | 'section' | 'column' | 'social';

/** Why the model cannot open a template; caught by parseMjml, never seen by its callers. */
export class Refusal extends Error {}

export interface Cursor {
  source: string;
  tokens: Token[];
  /** The token being read. */
  index: number;
  /** Source before this offset is read (a raw run may end inside a text token). */
  at: number;
}

export interface LevelContent {
  children: AnyNode[];
  trailing: string;
}

const LEAVES: Record<string, 'image' | 'divider' | 'spacer'> = {
  'mj-image': 'image',
  'mj-divider': 'divider',
  'mj-spacer': 'spacer',
};

/** Reads children until the container's close token, on which the cursor is left. */
export function parseLevel(cursor: Cursor, level: Level): LevelContent {
  const children: AnyNode[] = [];
  let leading = '';
  const add = (node: AnyNode) => {
    children.push(node);
    leading = '';
  };
  const raw = (start: number, end: number, reason: RawReason, name: string | null) =>
    add(rawNode(cursor.source.slice(start, end), reason, name, leading));

  for (;;) {
    const token = cursor.tokens[cursor.index];
    if (!token) throw new Refusal('The template ends before its <mj-body> is closed.');
    if (token.type === 'close') return { children, trailing: leading };
    if (token.type === 'text') {
      leading = readText(cursor, level, leading, add);
      continue;
    }
    cursor.index++;
    if (token.type === 'comment') raw(token.start, token.end, 'comment', null);
    else if (token.type === 'other') raw(token.start, token.end, 'text', null);
    else if (token.type === 'ending') add(endingNode(cursor.source, token, level, leading));
    else if (token.type === 'open') add(openNode(cursor, token, level, leading));
  }
}

function rawNode(source: string, reason: RawReason, name: string | null, leading: string): RawNode {
  return { kind: 'raw', id: newId(), leading, source, reason, name };
}

function parts(source: string, token: OpenToken | EndingToken, leading: string, closeTag: string): ElementParts {
  const openEnd = token.type === 'ending' ? token.openEnd : token.end;
  return {
    id: newId(),
    leading,
    tag: token.name,
    attributes: token.attributes,
    openTag: source.slice(token.start, openEnd),
    closeTag,
  };
}

function endingNode(source: string, token: EndingToken, level: Level, leading: string): AnyNode {
  const element = parts(source, token, leading, source.slice(token.closeStart, token.end));
  const content = source.slice(token.openEnd, token.closeStart);
  if (level === 'column' && token.name === 'mj-text') return { ...element, kind: 'text', content };
  if (level === 'column' && token.name === 'mj-button') return { ...element, kind: 'button', content };
  if (level === 'social' && token.name === 'mj-social-element') return { ...element, kind: 'social-element', content };
  return rawNode(source.slice(token.start, token.end), 'element', token.name, leading);
}

function openNode(cursor: Cursor, token: OpenToken, level: Level, leading: string): AnyNode {
  const { source } = cursor;
  const container = containerKind(level, token.name);
  const leaf = level === 'column' ? LEAVES[token.name] : undefined;
  if (token.selfClosing) {
    if (container)
      return { ...parts(source, token, leading, ''), kind: container, children: [], trailing: '' } as AnyNode;
    if (leaf) return { ...parts(source, token, leading, ''), kind: leaf };
    return rawNode(source.slice(token.start, token.end), 'element', token.name, leading);
  }
  if (container) {
    const inner = parseLevel(cursor, container);
    const close = cursor.tokens[cursor.index++];
    const element = parts(source, token, leading, source.slice(close.start, close.end));
    return { ...element, kind: container, children: inner.children, trailing: inner.trailing } as AnyNode;
  }
  const end = skipElement(cursor);
  const blank =
    source
      .slice(token.end, end)
      .replace(/<\/[^>]*>$/, '')
      .trim() === '';
  // `<mj-image …></mj-image>`: the whitespace inside goes with the close tag, so the bytes stay.
  if (leaf && blank) return { ...parts(source, token, leading, source.slice(token.end, end)), kind: leaf };
  return rawNode(source.slice(token.start, end), 'element', token.name, leading);
}

function containerKind(level: Level, name: string): 'section' | 'column' | 'social' | null {
  if (level === 'body' && name === 'mj-section') return 'section';
  if (level === 'section' && name === 'mj-column') return 'column';
  if (level === 'column' && name === 'mj-social') return 'social';
  return null;
}

/** Moves past the element whose open token was just read; returns its end. */
function skipElement(cursor: Cursor): number {
  let depth = 1;
  for (;;) {
    const token = cursor.tokens[cursor.index++];
    if (token.type === 'open' && !token.selfClosing) depth++;
    if (token.type === 'close') depth--;
    if (depth === 0) return token.end;
  }
}

/**
 * Reads the text token under the cursor from `cursor.at`: whitespace becomes leading, Liquid and other
 * text raw runs. A Liquid block may run on past the token, over elements; the cursor then follows it.
 * Returns the whitespace still waiting for a node.
 */
function readText(cursor: Cursor, level: Level, leading: string, add: (node: AnyNode) => void): string {
  const { source } = cursor;
  const index = cursor.index;
  const token = cursor.tokens[index];
  let at = Math.max(token.start, cursor.at);
  while (at < token.end) {
    const blankEnd = skipBlank(source, at, token.end);
    leading += source.slice(at, blankEnd);
    at = blankEnd;
    if (at >= token.end) break;
    const mark = liquidAt(source, at);
    if (mark) {
      const end = runEnd(cursor, mark);
      const text = source.slice(at, end);
      if (level === 'body' && isEntriesLoop(source, mark) && end === blockEnd(source, mark)) {
        add({ kind: 'entries', id: newId(), leading, source: text });
      } else add(rawNode(text, 'liquid', mark.name, leading));
      leading = '';
      if (cursor.index !== index) return leading;
      at = end;
      continue;
    }
    const next = nextLiquid(source, at);
    const stop = next && next.start < token.end ? next.start : token.end;
    const end = at + source.slice(at, stop).trimEnd().length;
    add(rawNode(source.slice(at, end), 'text', null, leading));
    leading = '';
    at = end;
  }
  cursor.index = index + 1;
  cursor.at = token.end;
  return leading;
}

function skipBlank(source: string, from: number, end: number): number {
  let at = from;
  while (at < end && /\s/.test(source[at])) at++;
  return at;
}

/**
 * Where the raw run that starts with `mark` ends: a block tag's run reaches its end tag; if that end
 * lies inside an element, the run takes the whole element. The cursor is left past the run.
 */
function runEnd(cursor: Cursor, mark: LiquidMark): number {
  const matched = isBlockTag(mark) ? blockEnd(cursor.source, mark) : -1;
  const target = matched === -1 ? mark.end : matched;
  let token = cursor.tokens[cursor.index];
  if (target <= token.end) {
    cursor.at = target;
    return target;
  }
  let end = token.end;
  let depth = 0;
  cursor.index++;
  for (;;) {
    if (depth === 0 && end >= target) {
      cursor.at = end;
      return end;
    }
    token = cursor.tokens[cursor.index];
    if (!token) throw new Refusal(unendedRun(cursor.source, mark));
    if (depth === 0 && token.type === 'text' && token.end > target) {
      cursor.at = target;
      return target;
    }
    if (token.type === 'open' && !token.selfClosing) depth++;
    if (token.type === 'close') {
      if (depth === 0) throw new Refusal(unendedRun(cursor.source, mark));
      depth--;
    }
    end = token.end;
    cursor.index++;
  }
}

function unendedRun(source: string, mark: LiquidMark): string {
  const tag = source.slice(mark.start, mark.end);
  return `The Liquid ${tag} on line ${lineAt(source, mark.start)} ends outside the element it starts in.`;
}
