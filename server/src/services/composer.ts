/**
 * Campaign rendering, in two phases (DESIGN.md section 5).
 *
 * Phase 1, once per saved version: campaign-level Liquid (`campaign`, `entries`) renders into the
 * MJML source while recipient-level Liquid passes through untouched, then MJML compiles once.
 * Phase 2, per recipient: the compiled HTML and the subject, parsed once, render with the
 * subscriber's values. MJML keeps `{{ }}` tags but silently drops anything standing between
 * elements, so the compile reports recipient-level tags it lost.
 */
import { Tokenizer, TypeGuards } from 'liquidjs';
import type { TagToken, Template, TopLevelToken } from 'liquidjs';
// @ts-expect-error mjml 5 ships no type declarations; its shape is typed below.
import mjml2html from 'mjml';
import { campaignEngine, htmlEngine, subjectEngine } from './composing/engines';
import {
  checkPhaseTwo,
  checkSubject,
  droppedTags,
  liquidError,
  removeTagIds,
  type CompileError,
} from './composing/checks';
import { markLines, removeLineMarks } from './composing/line-marks';
import { prepareText, renderText } from './composing/text-part';

export type { CompileError } from './composing/checks';

/** Variables that differ per recipient: templates using them render in phase 2. */
export const RECIPIENT_VARIABLES = ['subscriber', 'unsubscribe_url', 'preferences_url'] as const;
const RECIPIENT_ROOTS = new Set<string>(RECIPIENT_VARIABLES);

export interface CompileResult {
  html: string;
  errors: CompileError[];
}

export interface CampaignSource {
  mjml: string;
  /** Campaign fields (subject, name, preheader, ...), available as `campaign.*`. */
  campaign: Record<string, unknown>;
  /** Strapi content chosen for the campaign, as plain objects. */
  entries?: Record<string, unknown>[];
}

export interface PreparedTemplate {
  html: Template[];
  subject: Template[];
  /**
   * The text part as a template, converted from the compiled HTML once per version; null when
   * that conversion cannot be trusted, and html-to-text then runs on each rendered message.
   */
  text: Template[] | null;
}

export interface RecipientVars {
  subscriber: {
    id: number;
    email: string;
    name?: string | null;
    attributes?: Record<string, unknown> | null;
    [field: string]: unknown;
  };
  campaign: Record<string, unknown>;
  unsubscribe_url: string;
  preferences_url: string;
}

export interface RenderedMessage {
  subject: string;
  html: string;
  text: string;
}

interface MjmlResult {
  html: string;
  errors: { line: number; message: string; tagName: string }[];
}

const compileMjml: (
  source: string,
  options: { validationLevel: 'soft'; ignoreIncludes: boolean },
) => Promise<MjmlResult> = mjml2html;

export async function compileCampaign({ mjml, campaign, entries = [] }: CampaignSource): Promise<CompileResult> {
  const subjectErrors = checkSubject(campaign.subject);
  const fail = (error: CompileError): CompileResult => ({
    html: '',
    errors: [error, ...subjectErrors],
  });

  // Parsing the source as written gives syntax errors (recipient-level ones included) their lines.
  try {
    htmlEngine.parse(mjml);
  } catch (error) {
    return fail(liquidError(error));
  }

  const split = splitPhases(mjml);
  let rendered: string;
  try {
    rendered = campaignEngine.parseAndRenderSync(split.template, { campaign, entries });
  } catch (error) {
    return fail(liquidError(error));
  }

  const { text: source, sourceLine } = removeLineMarks(rendered);
  let result: MjmlResult;
  try {
    result = await compileMjml(source, { validationLevel: 'soft', ignoreIncludes: true });
  } catch (error) {
    return fail({ line: 0, message: `MJML: ${(error as Error).message}` });
  }

  const errors: CompileError[] = result.errors.map(({ line, message, tagName }) => ({
    line: sourceLine(line),
    message: removeTagIds(message),
    tagName,
  }));
  const dropped = droppedTags(source, result.html, split.recipientTags);
  errors.push(...dropped);
  if (dropped.length === 0) errors.push(...checkPhaseTwo(result.html, split.recipientTags));
  errors.sort((a, b) => a.line - b.line);
  return { html: removeTagIds(result.html), errors: [...errors, ...subjectErrors] };
}

/** Parses a compiled campaign once, for rendering to every recipient. */
export function prepareTemplate(compiled: { html: string; subject: string }): PreparedTemplate {
  return {
    html: htmlEngine.parse(compiled.html),
    subject: subjectEngine.parse(compiled.subject),
    text: prepareText(compiled.html),
  };
}

export function renderMessage(prepared: PreparedTemplate, vars: RecipientVars): RenderedMessage {
  const html = String(htmlEngine.renderSync(prepared.html, vars));
  const subject = String(subjectEngine.renderSync(prepared.subject, vars));
  const text = renderText(prepared.text, html, vars);
  return { subject: cleanSubject(subject), html, text };
}

// nodemailer turns CR/LF into spaces already; other control characters have no place in a header.
function cleanSubject(subject: string): string {
  return (
    subject
      .replace(/[\r\n\t\u0085\u2028\u2029]+/g, ' ')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
      .trim()
  );
}

// ---------------------------------------------------------------------------------------------
// Phase 1: pass recipient-level Liquid through, untouched.

/** A recipient-level tag as written in the source, for error messages. */
export interface RecipientTag {
  line: number;
  text: string;
}

interface Frame {
  name: string;
  /** Whether the block runs per recipient (phase 2). */
  recipient: boolean;
  /** Names the block binds for its body: a loop's variable and `forloop`. */
  binds: string[];
  /** Token index of the opening tag. */
  index: number;
  /** For capture blocks: whether anything inside renders per recipient. */
  holdsRecipientContent: boolean;
}

/** The outcome of one pass over the tokens. */
interface Plan {
  /** Token texts, rewritten for phase 1 where needed (line marks, raw text). */
  pieces: string[];
  /** Indexes of the tokens that render per recipient. */
  recipient: Set<number>;
  /** Variables assigned or captured per recipient somewhere in the template. */
  recipientVariables: Set<string>;
}

const BLOCK_TAGS = new Set(['if', 'unless', 'case', 'for', 'tablerow', 'capture']);
const BRANCH_TAGS = new Set(['elsif', 'else', 'when']);
const LOOP_TAGS = new Set(['for', 'tablerow']);
// They act on the nearest loop, so they run in the loop's phase.
const LOOP_CONTROL_TAGS = new Set(['break', 'continue', 'cycle']);
// They change state: inside a block that runs per recipient, they must run per recipient too.
const STATE_TAGS = new Set(['assign', 'increment', 'decrement']);

/**
 * Rewrites the MJML source for phase 1: every recipient-level tag is wrapped in `{% raw %}`
 * together with an id comment (`{%#ec:N%}`) that tells afterwards which tags survived MJML.
 */
function splitPhases(source: string): {
  template: string;
  recipientTags: Map<number, RecipientTag>;
} {
  const options = campaignEngine.options;
  const tokens = new Tokenizer(source, options.operators).readTopLevelTokens(options);
  const branches = matchBlocks(tokens);

  // A variable assigned per recipient anywhere is a recipient value everywhere (all its
  // assignments then run in phase 2), so plan again until that set stops growing.
  let plan = planPhases(tokens, branches, new Set());
  for (let size = 0; plan.recipientVariables.size > size; ) {
    size = plan.recipientVariables.size;
    plan = planPhases(tokens, branches, plan.recipientVariables);
  }

  const recipientTags = new Map<number, RecipientTag>();
  let line = 1;
  const template = plan.pieces
    .map((piece, index) => {
      const text = tokens[index].getText();
      const tagLine = line;
      line += countLines(text);
      if (!plan.recipient.has(index)) return piece;
      recipientTags.set(index, { line: tagLine, text });
      return `{% raw %}${text}{%#ec:${index}%}{% endraw %}`;
    })
    .join('');
  return { template, recipientTags };
}

function planPhases(
  tokens: TopLevelToken[],
  branches: Map<number, number[]>,
  knownRecipientVariables: Set<string>,
): Plan {
  const pieces = tokens.map((token) => token.getText());
  const recipient = new Set<number>();
  const recipientVariables = new Set(knownRecipientVariables);
  const stack: Frame[] = [];

  const isRecipientName = (name: string): boolean => {
    for (let i = stack.length - 1; i >= 0; i--) {
      if (stack[i].binds.includes(name)) return stack[i].recipient;
    }
    return recipientVariables.has(name) || RECIPIENT_ROOTS.has(name);
  };
  const refersToRecipient = (expression: string) => rootNames(expression).some(isRecipientName);
  const markRecipient = (index: number) => {
    recipient.add(index);
    stack.forEach((frame) => (frame.holdsRecipientContent = true));
  };

  let mode: 'liquid' | 'comment' | 'raw' = 'liquid';
  let line = 1;
  tokens.forEach((token, index) => {
    const tokenLine = line;
    line += countLines(pieces[index]);

    if (mode === 'comment') {
      if (TypeGuards.isTagToken(token) && token.name === 'endcomment') mode = 'liquid';
      return;
    }
    if (mode === 'raw') {
      // The author's raw text must stay text in phase 2 as well.
      if (TypeGuards.isTagToken(token)) mode = 'liquid';
      pieces[index] = TypeGuards.isTagToken(token) ? '' : pieces[index].replace(/\{(?=[{%]|$)/g, '&#123;');
      return;
    }
    if (TypeGuards.isHTMLToken(token)) {
      // Captured text may go through filters, where marks would count as characters.
      if (!stack.some((frame) => frame.name === 'capture')) {
        pieces[index] = markLines(pieces[index], tokenLine);
      }
      return;
    }
    if (!TypeGuards.isTagToken(token)) {
      // An output tag: `{{ ... }}`.
      if (refersToRecipient(token.content)) markRecipient(index);
      return;
    }

    const { name, args } = token;
    const insideRecipientBlock = stack.some((frame) => frame.recipient);
    if (name === 'comment' || name === 'raw') {
      mode = name;
      if (name === 'raw') pieces[index] = '';
    } else if (BLOCK_TAGS.has(name)) {
      const group = [index, ...(branches.get(index) ?? [])];
      let isRecipient: boolean;
      let binds: string[] = [];
      if (LOOP_TAGS.has(name)) {
        isRecipient = refersToRecipient(args.replace(/^\s*[\w-]+\s+in\b/, ''));
        binds = [firstWord(args) ?? '', `${name}loop`];
      } else if (name === 'capture') {
        isRecipient = insideRecipientBlock || recipientVariables.has(firstWord(args) ?? '');
      } else {
        isRecipient = group.some((i) => refersToRecipient((tokens[i] as TagToken).args));
      }
      if (isRecipient) group.forEach(markRecipient);
      stack.push({ name, recipient: isRecipient, binds, index, holdsRecipientContent: false });
    } else if (stack.length > 0 && name === `end${stack[stack.length - 1].name}`) {
      const frame = stack.pop()!;
      if (frame.name === 'capture' && (frame.recipient || frame.holdsRecipientContent)) {
        if (!frame.recipient) [frame.index, index].forEach(markRecipient);
        recipientVariables.add(firstWord((tokens[frame.index] as TagToken).args) ?? '');
      }
    } else if (!BRANCH_TAGS.has(name)) {
      // Branches were decided with their block; everything else is a tag of its own.
      const loop = [...stack].reverse().find((frame) => LOOP_TAGS.has(frame.name));
      const assigned = assignedVariables(name, args);
      const expression = name === 'assign' ? args.slice(args.indexOf('=') + 1) : args;
      const isRecipient =
        (name !== '#' && refersToRecipient(expression)) ||
        assigned.some((variable) => recipientVariables.has(variable)) ||
        (LOOP_CONTROL_TAGS.has(name) && loop?.recipient === true) ||
        (STATE_TAGS.has(name) && insideRecipientBlock);
      if (isRecipient) {
        markRecipient(index);
        assigned.forEach((variable) => recipientVariables.add(variable));
      }
    }
  });
  return { pieces, recipient, recipientVariables };
}

/** Maps the token index of each opening block tag to the indexes of its branches and end tag. */
function matchBlocks(tokens: TopLevelToken[]): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  const open: { name: string; index: number }[] = [];
  let inComment = false;
  tokens.forEach((token, index) => {
    if (!TypeGuards.isTagToken(token)) return;
    const { name } = token;
    if (inComment) {
      inComment = name !== 'endcomment';
    } else if (name === 'comment') {
      inComment = true;
    } else if (BLOCK_TAGS.has(name)) {
      open.push({ name, index });
      groups.set(index, []);
    } else if (open.length > 0) {
      const top = open[open.length - 1];
      const isEnd = name === `end${top.name}`;
      if (isEnd || BRANCH_TAGS.has(name)) groups.get(top.index)!.push(index);
      if (isEnd) open.pop();
    }
  });
  return groups;
}

/** Root variable names in a Liquid expression: identifiers that are not a property of another. */
function rootNames(expression: string): string[] {
  const code = expression
    .replace(/"[^"]*"|'[^']*'/g, '""') // strings name no variables
    .replace(/\.\./g, ' '); // a range's `..` is not a property dot
  return code.match(/(?<![\w.-])[A-Za-z_][\w-]*/g) ?? [];
}

// `{% assign x = ... %}`, or the assign and capture lines of a `{% liquid %}` tag.
function assignedVariables(tagName: string, args: string): string[] {
  if (tagName === 'assign') return [firstWord(args) ?? ''];
  if (tagName !== 'liquid') return [];
  return [...args.matchAll(/^\s*(?:assign|capture)\s+([\w-]+)/gm)].map((match) => match[1]);
}

function firstWord(args: string): string | undefined {
  return /^\s*["']?([\w-]+)/.exec(args)?.[1];
}

function countLines(text: string): number {
  return text.split('\n').length - 1;
}
