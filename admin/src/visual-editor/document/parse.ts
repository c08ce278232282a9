/**
 * MJML source to the visual editor's document (docs/architecture.md, "Visual editor"). Everything up to
 * the body's first child is the head, kept as one string; `</mj-body>` to the end is the tail. In
 * between, parse-level.ts builds the nodes, each holding its exact bytes.
 */
import { lineAt } from './lines';
import { parseLevel, Refusal, type Cursor } from './parse-level';
import { tokenize, type OpenToken, type Token } from './tokens';
import type { BodyNode, ParseResult } from './types';

export function parseMjml(source: string): ParseResult {
  const read = tokenize(source);
  if (!read.ok) return { ok: false, reason: read.reason };
  const { tokens } = read;
  const bodyIndex = findBody(source, tokens);
  if (typeof bodyIndex === 'string') return { ok: false, reason: bodyIndex };
  const body = tokens[bodyIndex] as OpenToken;
  const cursor: Cursor = { source, tokens, index: bodyIndex + 1, at: body.end };
  try {
    const { children, trailing } = parseLevel(cursor, 'body');
    const close = tokens[cursor.index];
    return {
      ok: true,
      document: {
        head: source.slice(0, body.end),
        // parseLevel gives the body only sections, entries and raw runs.
        body: children as BodyNode[],
        trailing,
        tail: source.slice(close.start),
      },
    };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.message };
    throw error;
  }
}

/** The index of `<mj-body>`'s open token, or the sentence saying why there is none to edit. */
function findBody(source: string, tokens: Token[]): number | string {
  const path: string[] = [];
  let firstElement: string | null = null;
  for (const [index, token] of tokens.entries()) {
    if (token.type === 'close') path.pop();
    if (token.type !== 'open' && token.type !== 'ending') continue;
    firstElement ??= token.name;
    if (token.type === 'open' && token.name === 'mj-body') {
      const where = `on line ${lineAt(source, token.start)}`;
      if (path.join('>') !== 'mjml') return `The <mj-body> ${where} is not directly inside <mjml>.`;
      if (token.selfClosing) {
        return `The <mj-body> ${where} is empty and self-closing: write <mj-body></mj-body> to edit it visually.`;
      }
      return index;
    }
    if (token.type === 'open' && !token.selfClosing) path.push(token.name);
  }
  if (firstElement !== null && firstElement !== 'mjml') return 'The template does not start with <mjml>.';
  return 'The template has no <mj-body>.';
}
