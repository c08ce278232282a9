/**
 * Reads one message from the bounce mailbox: a delivery status notification (RFC 3464) or an
 * abuse feedback report (RFC 5965, ARF), and turns it into feedback events. Pure: bytes in,
 * events or a reason out; the mailbox client decides where the message goes.
 */
import { createHash } from 'node:crypto';
import { simpleParser, type Attachment, type HeaderValue, type ParsedMail, type StructuredHeader } from 'mailparser';
import type { FeedbackEvent, FeedbackKind } from './event';
import {
  diagnosticText,
  parseFieldGroups,
  parseHeaderBlock,
  stripBrackets,
  typedAddress,
  type FieldGroup,
} from './report-fields';

export type BounceReportResult = { ok: true; events: FeedbackEvent[] } | { ok: false; reason: string };

export interface BounceReportOptions {
  /** When the mailbox received the message: the event time when the report carries no date. */
  receivedAt?: Date;
  /** The local part before `+` in VERP return paths (`bounces+<ref>@domain`). Default `bounces`. */
  verpLocalPart?: string;
}

const PARSER_OPTIONS = {
  // Delivery-status parts come out as attachments instead of being folded into the text.
  keepDeliveryStatus: true,
  // Returned messages stay raw attachments: their headers are what we read, not their bodies.
  ignoreEmbedded: true,
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipImageLinks: true,
  checksumAlgo: false,
} as const;

// RFC 6533 (internationalised DSNs) uses the `global` types with the same fields.
const DSN_TYPES = ['message/delivery-status', 'message/global-delivery-status'];
const ARF_TYPES = ['message/feedback-report'];
const RETURNED_TYPES = ['text/rfc822-headers', 'message/rfc822', 'message/global-headers', 'message/global'];
const DETAIL_MAX = 500;
const REF_MAX = 256;

/** What every event of one report shares. */
interface ReportContext {
  externalId: string;
  date: Date | null;
  /** Addresses that may carry the VERP reference, most trusted first. */
  refCandidates: string[];
  /** The headers of the original message, when the report returned them. */
  original: FieldGroup;
  options: BounceReportOptions;
}

const fail = (reason: string): BounceReportResult => ({ ok: false, reason });

export async function parseBounceReport(raw: Buffer, options: BounceReportOptions = {}): Promise<BounceReportResult> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, PARSER_OPTIONS);
  } catch (error) {
    return fail(`unreadable MIME: ${error instanceof Error ? error.message : String(error)}`);
  }
  const header = parseHeaderBlock(mail.headerLines.map((entry) => entry.line).join('\n'));
  if (header.size === 0) return fail('not a mail message: no header fields');

  const contentType = mail.headers.get('content-type');
  const type = isStructured(contentType) ? contentType : null;
  const reportType = type?.value === 'multipart/report' ? (type.params['report-type'] ?? '').toLowerCase() : null;
  const dsn = partOf(mail, DSN_TYPES);
  const arf = partOf(mail, ARF_TYPES);

  if (reportType === 'delivery-status' || (reportType === null && dsn)) {
    if (!dsn) return fail('multipart/report of type delivery-status without a message/delivery-status part');
    return dsnEvents(dsn.content.toString('utf8'), context(mail, header, raw, options));
  }
  if (reportType === 'feedback-report' || (reportType === null && arf)) {
    if (!arf) return fail('multipart/report of type feedback-report without a message/feedback-report part');
    return arfEvents(arf.content.toString('utf8'), context(mail, header, raw, options));
  }
  if (reportType !== null) return fail(`multipart/report of type "${reportType}" is neither a DSN nor an ARF report`);
  return fail(`not a delivery or feedback report (Content-Type: ${type?.value ?? 'text/plain'})`);
}

function isStructured(value: HeaderValue | undefined): value is StructuredHeader {
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof Date) return false;
  return 'value' in value && typeof value.value === 'string' && 'params' in value;
}

function partOf(mail: ParsedMail, types: string[]): Attachment | undefined {
  return mail.attachments.find((part) => types.includes(part.contentType.toLowerCase()));
}

function context(mail: ParsedMail, header: FieldGroup, raw: Buffer, options: BounceReportOptions): ReportContext {
  const returned = partOf(mail, RETURNED_TYPES);
  const original = returned ? parseHeaderBlock(returned.content.toString('utf8')) : new Map<string, string>();
  const reportId = mail.messageId ? stripBrackets(mail.messageId) : '';
  return {
    // A report without a Message-ID is still the same bytes when read again: hash them.
    externalId: reportId || `sha256:${createHash('sha256').update(raw).digest('hex')}`,
    // Parsed here: mailparser turns an unreadable Date header into the current time.
    date: validDate(header.get('date')),
    // Where the report was delivered (the VERP address the bounce was sent to) comes first.
    refCandidates: ['x-original-to', 'delivered-to', 'envelope-to', 'to'].flatMap((name) => header.get(name) ?? []),
    original,
    options,
  };
}

function dsnEvents(text: string, report: ReportContext): BounceReportResult {
  const groups = parseFieldGroups(text);
  const isRecipient = (group: FieldGroup) => group.has('final-recipient') || group.has('action');
  const recipients = groups.filter(isRecipient);
  if (recipients.length === 0) return fail('the delivery-status part names no recipient');
  const perMessage = groups[0] && !isRecipient(groups[0]) ? groups[0] : new Map<string, string>();
  // Postfix names the envelope sender of the returned message, which is the VERP address.
  const refCandidates = [...report.refCandidates, perMessage.get('x-postfix-sender') ?? ''];

  const drafts: Draft[] = [];
  let understood = 0;
  const problems: string[] = [];
  for (const group of recipients) {
    const email = typedAddress(group.get('original-recipient')) ?? typedAddress(group.get('final-recipient'));
    const action = group.get('action')?.toLowerCase();
    if (!email) problems.push('a recipient without an rfc822 Final-Recipient');
    else if (!action) problems.push(`no Action for ${email}`);
    else {
      const status = statusCode(group.get('status'));
      const detail = diagnosticText(group.get('diagnostic-code'));
      const kind = dsnKind(action, statusClass(status ?? detail));
      if (kind === undefined) problems.push(`unknown Action "${action}" for ${email}`);
      else understood += 1;
      if (kind) {
        const date = validDate(group.get('last-attempt-date')) ?? report.date;
        drafts.push({ kind, email, code: status ?? group.get('status') ?? null, detail, date });
      }
    }
  }
  // Recipients that were delivered or relayed make a valid report with nothing to act on.
  if (understood === 0) return fail(`the delivery-status part is unusable: ${problems.join('; ')}`);
  return { ok: true, events: finish(drafts, report, refCandidates) };
}

/** failed + 5.x.x is permanent; any other failure or delay may pass, so it only counts as soft. */
function dsnKind(action: string, codeClass: string | null): FeedbackKind | null | undefined {
  if (action === 'failed') return codeClass === '5' ? 'bounce_hard' : 'bounce_soft';
  if (action === 'delayed') return 'bounce_soft';
  if (['delivered', 'relayed', 'expanded'].includes(action)) return null;
  return undefined;
}

/** The enhanced status code (RFC 3463) of a Status field (`5.1.1`, sometimes followed by a comment). */
function statusCode(value: string | undefined): string | null {
  const match = value ? /^([245]\.\d{1,3}\.\d{1,3})(?=$|[\s(;,])/.exec(value.trim()) : null;
  return match ? match[1] : null;
}

/** 2, 4 or 5: from the Status, else from the enhanced or plain SMTP code leading the diagnostic. */
function statusClass(value: string | null): string | null {
  return value ? (/^([245])(?:\.\d|\d\d)/.exec(value)?.[1] ?? null) : null;
}

function arfEvents(text: string, report: ReportContext): BounceReportResult {
  const fields = parseFieldGroups(text)[0];
  const type = fields?.get('feedback-type')?.toLowerCase();
  if (!fields || !type) return fail('the feedback report has no Feedback-Type');
  // not-spam, fraud, virus, auth-failure and other reports say nothing about the recipient's consent.
  if (type !== 'abuse') return { ok: true, events: [] };

  const email =
    singleAddress(fields.get('original-rcpt-to')) ??
    singleAddress(fields.get('removal-recipient')) ??
    singleAddress(report.original.get('to'));
  const agent = fields.get('user-agent');
  const draft: Draft = {
    kind: 'complaint',
    email,
    code: null,
    detail: agent ? `abuse report from ${agent}` : 'abuse report',
    date: report.date,
  };
  return {
    ok: true,
    events: finish([draft], report, [...report.refCandidates, fields.get('original-mail-from') ?? '']),
  };
}

/** An event before the fields every event of the report shares are filled in. */
interface Draft {
  kind: FeedbackKind;
  email: string | null;
  code: string | null;
  detail: string | null;
  date: Date | null;
}

function finish(drafts: Draft[], report: ReportContext, refCandidates: string[]): FeedbackEvent[] {
  const { original, options } = report;
  const local = options.verpLocalPart ?? 'bounces';
  const deliveryRef =
    [...refCandidates, original.get('return-path') ?? '', original.get('to') ?? '']
      .map((value) => verpRef(value, local))
      .find((ref) => ref !== null) ?? null;
  const messageId = stripBrackets(original.get('message-id') ?? '') || null;

  return drafts.map((draft, index) => ({
    kind: draft.kind,
    source: 'imap',
    // One report can name several recipients: each event needs a key of its own.
    externalId: drafts.length > 1 ? `${report.externalId}#${index + 1}` : report.externalId,
    occurredAt: draft.date ?? options.receivedAt ?? new Date(),
    deliveryRef,
    messageId,
    email: draft.email,
    code: draft.code,
    detail: draft.detail ? draft.detail.slice(0, DETAIL_MAX) : null,
  }));
}

/** The `<ref>` of a `bounces+<ref>@domain` address anywhere in a header value, or null. */
function verpRef(value: string, localPart: string): string | null {
  const escaped = localPart.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?:^|[\\s<;:,])${escaped}\\+([^\\s@<>;,"()]+)@`, 'i').exec(value);
  return match && match[1].length <= REF_MAX ? match[1] : null;
}

/** One plain address from a header value (`Name <a@b>`, `<a@b>` or `a@b`), null for lists or groups. */
function singleAddress(value: string | undefined): string | null {
  const address = value ? stripBrackets(value) : '';
  return /^[^\s@,;<>]+@[^\s@,;<>]+$/.test(address) ? address : null;
}

function validDate(value: string | undefined): Date | null {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}
