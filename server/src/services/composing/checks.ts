/**
 * Checks around the compile: does the subject parse, which recipient-level tags did MJML keep, and
 * does the compiled HTML parse for phase 2? See docs/architecture.md, "Composing".
 */
import { AssertionError, LiquidError } from 'liquidjs';
import { htmlEngine, subjectEngine } from './engines';
import { LINE_MARK } from './line-marks';
import { PARSE_LIMIT_CHARS } from './limits';
import type { RecipientTag } from './liquid-phases';

export interface CompileError {
  /** Line in the campaign's MJML source; 0 when the error is not tied to one. */
  line: number;
  message: string;
  tagName?: string;
  /** Set when the error is in the subject rather than the MJML source. */
  field?: 'subject';
}

export function checkSubject(subject: unknown): CompileError[] {
  if (typeof subject !== 'string') return [];
  try {
    subjectEngine.parse(subject);
    return [];
  } catch (error) {
    return [{ ...liquidError(error), field: 'subject' }];
  }
}

// The id comment splitPhases() writes after each recipient-level tag.
const TAG_ID = /\{%#ec:(\d+)%\}/g;

export function removeTagIds(text: string): string {
  return text.replace(TAG_ID, '');
}

function tagIds(text: string): Set<number> {
  return new Set([...text.matchAll(TAG_ID)].map((match) => Number(match[1])));
}

export function droppedTags(source: string, html: string, recipientTags: Map<number, RecipientTag>): CompileError[] {
  const kept = tagIds(html);
  return [...tagIds(source)]
    .filter((id) => !kept.has(id))
    .map((id) => {
      const { line, text } = recipientTags.get(id)!;
      return {
        line,
        message:
          `${text} was dropped by the MJML compiler: a tag that stands between MJML ` +
          'elements must go inside <mj-raw> (or <mj-text>)',
      };
    });
}

// The last word before sending: the compiled HTML must parse for phase 2. The error is placed at
// the first recipient-level tag from where Liquid stopped.
export function checkPhaseTwo(html: string, recipientTags: Map<number, RecipientTag>): CompileError[] {
  try {
    htmlEngine.parse(html);
    return [];
  } catch (error) {
    const at = LiquidError.is(error) ? error.token.begin : 0;
    const id = /\{%#ec:(\d+)%\}/.exec(html.slice(at))?.[1];
    const line = id === undefined ? 0 : (recipientTags.get(Number(id))?.line ?? 0);
    const problem =
      error instanceof AssertionError ? 'the compiled HTML is too long' : 'the compiled HTML is not valid Liquid';
    const message = `${problem}: ${liquidError(error).message}`;
    return [{ line, message }];
  }
}

/**
 * A Liquid error, or a limit liquidjs hit outside any tag (the parse limit), which it throws as
 * a bare assertion without a position.
 */
export function isLiquidFailure(error: unknown): error is Error {
  return LiquidError.is(error) || error instanceof AssertionError;
}

export function liquidError(error: unknown): CompileError {
  if (error instanceof AssertionError) return { line: 0, message: withLimitHint(error.message) };
  if (!LiquidError.is(error)) throw error;
  const message = removeTagIds(error.message.replace(/, line:\d+, col:\d+$/, ''))
    .replace(LINE_MARK, '')
    .replace(/\{% (end)?raw %\}/g, '');
  return { line: error.token.getPosition()[0], message: withLimitHint(message) };
}

// liquidjs names the limit it hit ("template render limit exceeded"); the admin needs to know why.
function withLimitHint(message: string): string {
  if (/^parse length limit exceeded/.test(message)) {
    return `${message}: Liquid reads at most ${PARSE_LIMIT_CHARS.toLocaleString('en')} characters`;
  }
  if (!/\blimit exceeded\b/.test(message)) return message;
  return `${message}: the template was stopped because it renders too long or allocates too much (a loop too large?)`;
}

/**
 * A campaign's template cannot be rendered (a Liquid error, a limit, a stopped render worker).
 * The sender pauses the campaign with it instead of failing rows: the fault is the template's,
 * not the recipients'.
 */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

export function isTemplateError(error: unknown): boolean {
  return error instanceof TemplateError || isLiquidFailure(error);
}
