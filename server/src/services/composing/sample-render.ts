/**
 * The sample render: a campaign compiled and rendered for one stand-in recipient, as the sender
 * renders each recipient. The preview shows it; schedule, send now and test send refuse a
 * campaign whose sample render fails, or whose message fails a check before sending
 * (pre-send-checks.ts). It runs in a render worker (render-worker.ts).
 * See docs/architecture.md, "Composing".
 */
import { isLiquidFailure, liquidError } from './checks';
import { preSendChecks, type PreSendCheck } from './pre-send-checks';
import {
  compileCampaign,
  prepareTemplate,
  renderMessage,
  renderSubject,
  type CampaignSource,
  type CompileError,
  type RecipientVars,
  type RenderedMessage,
} from '.';

export interface SampleInput {
  source: CampaignSource;
  subject: string;
  recipient: RecipientVars;
}

export interface SampleRender {
  html: string;
  errors: CompileError[];
  /** The stand-in recipient's message; null when the campaign does not compile or render. */
  message: RenderedMessage | null;
  /** The checks before sending, run on that message; empty when there is none. */
  checks: PreSendCheck[];
}

export async function sampleRender({ source, subject, recipient }: SampleInput): Promise<SampleRender> {
  const { html, errors } = await compileCampaign(source);
  if (!html) return { html, errors, message: null, checks: [] };
  try {
    const prepared = prepareTemplate({ html, subject, entries: source.entries });
    const message = renderMessage(prepared, recipient);
    // Entry text is delivered as written, braces and all (the HTML holds it as entities): the
    // merge-tags check reads the subject's own tags, rendered without the entries.
    const ownSubject = source.entries?.length ? renderSubject(prepared.subject, recipient) : message.subject;
    const checks = preSendChecks(message, { unsubscribeUrl: recipient.unsubscribe_url, ownSubject });
    return { html, errors, message, checks };
  } catch (error) {
    // Errors the compile cannot see (a runtime Liquid error, a limit hit per recipient).
    if (!isLiquidFailure(error)) throw error;
    const failed = { line: 0, message: `Preview: ${liquidError(error).message}` };
    return { html, errors: [...errors, failed], message: null, checks: [] };
  }
}
