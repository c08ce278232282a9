/**
 * Phase 1 planning: which Liquid tags of the MJML source render once per campaign version, and
 * which pass through untouched to render per recipient. See docs/architecture.md, "Composing".
 */
import { Tokenizer, TypeGuards } from 'liquidjs';
import type { TagToken, TopLevelToken } from 'liquidjs';
import { campaignEngine } from './engines';
import { markLines } from './line-marks';

/** Variables that differ per recipient: templates using them render in phase 2. */
export const RECIPIENT_VARIABLES = ['subscriber', 'unsubscribe_url', 'preferences_url', 'web_url'] as const;
const RECIPIENT_ROOTS = new Set<string>(RECIPIENT_VARIABLES);

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
export function splitPhases(source: string): {
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
