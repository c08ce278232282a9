/**
 * Campaign rendering, in two phases. See docs/architecture.md, "Composing".
 *
 * Phase 1, once per saved version: campaign-level Liquid (`campaign`, `entries`) renders into the
 * MJML source while recipient-level Liquid passes through untouched, then MJML compiles once.
 * Phase 2, per recipient: the compiled HTML and the subject, parsed once, render with the
 * subscriber's values. MJML keeps `{{ }}` tags but silently drops anything standing between
 * elements, so the compile reports recipient-level tags it lost.
 */
import type { Template } from 'liquidjs';
// @ts-expect-error mjml 5 ships no type declarations; its shape is typed below.
import mjml2html from 'mjml';
import { checkPhaseTwo, checkSubject, droppedTags, liquidError, removeTagIds, type CompileError } from './checks';
import { campaignEngine, htmlEngine, subjectEngine } from './engines';
import { CAMPAIGN_MEMORY_UNITS, CAMPAIGN_RENDER_MS, RECIPIENT_RENDER_MS } from './limits';
import { htmlLang, withTitleAndLang } from './title-and-lang';
import { removeLineMarks } from './line-marks';
import { splitPhases } from './liquid-phases';
import { prepareText, renderText } from './text-part';

export type { CompileError } from './checks';
export { TemplateError, isTemplateError } from './checks';
export { RECIPIENT_VARIABLES } from './liquid-phases';

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
  /**
   * What the subject reads besides the recipient: the HTML had its campaign-level Liquid rendered
   * in phase 1, the subject is rendered per recipient, so "New: {{ entry.title }}" needs the entries here.
   */
  content: { entries: Record<string, unknown>[]; entry: Record<string, unknown> | null };
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
  /** View in browser: this person's message on the site (docs/architecture.md, "Engagement"). */
  web_url: string;
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
    rendered = campaignEngine.parseAndRenderSync(
      split.template,
      // `entry` is the first of them: a campaign made for one published entry (publish rules) reads it so.
      { campaign, entries, entry: entries[0] ?? null },
      { renderLimit: CAMPAIGN_RENDER_MS, memoryLimit: CAMPAIGN_MEMORY_UNITS },
    );
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
export function prepareTemplate(compiled: {
  html: string;
  subject: string;
  entries?: Record<string, unknown>[] | null;
}): PreparedTemplate {
  const entries = compiled.entries ?? [];
  return {
    html: htmlEngine.parse(compiled.html),
    subject: subjectEngine.parse(compiled.subject),
    text: prepareText(compiled.html),
    content: { entries, entry: entries[0] ?? null },
  };
}

/** `lang` is the language of the version sent (see versions.ts); without one, the recipient's. */
export function renderMessage(prepared: PreparedTemplate, vars: RecipientVars, lang?: string | null): RenderedMessage {
  // One budget for the whole message: subject, HTML and text together stop after RECIPIENT_RENDER_MS,
  // so one message never holds the main thread longer, however its Liquid is spread.
  const deadline = performance.now() + RECIPIENT_RENDER_MS;
  const budget = () => ({ renderLimit: Math.max(1, deadline - performance.now()) });
  const subject = renderSubject(prepared.subject, vars, prepared.content, budget());
  const html = withTitleAndLang(String(htmlEngine.renderSync(prepared.html, vars, budget())), {
    title: subject,
    lang: htmlLang(lang || vars.subscriber.locale),
  });
  const text = renderText(prepared.text, html, vars, budget());
  return { subject, html, text };
}

/**
 * The subject for one recipient. With `content`, it reads the campaign's entries too; entry values
 * are data to the subject engine, never parsed again, so `{{ … }}` in a title stays text.
 */
export function renderSubject(
  subject: Template[],
  vars: RecipientVars,
  content?: PreparedTemplate['content'],
  options?: { renderLimit: number },
): string {
  return cleanSubject(String(subjectEngine.renderSync(subject, content ? { ...content, ...vars } : vars, options)));
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
