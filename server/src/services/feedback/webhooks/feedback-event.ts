/**
 * Builds a FeedbackEvent from what a provider reported, normalising the fields every provider
 * spells its own way, so the rules downstream compare like with like.
 */
import { createHash } from 'node:crypto';
import type { FeedbackEvent, FeedbackKind, FeedbackSource } from '../event';

const MAX_DETAIL_LENGTH = 500;
// The width of delivery_events.external_id (191: a unique index under utf8mb4 on older MySQL).
const MAX_EXTERNAL_ID_LENGTH = 191;
const REF_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
// RFC 3463 enhanced status code, as it appears inside a diagnostic text.
const ENHANCED_CODE = /\b([245]\.\d{1,3}\.\d{1,3})\b/;

export interface ReportedEvent {
  kind: FeedbackKind;
  externalId: string;
  occurredAt: Date | null;
  deliveryRef: string | null;
  messageId: string | null;
  email: string | null;
  code: string | null;
  detail: string | null;
}

/** `receivedAt` stands in when the provider gave no usable time for the event. */
export function feedbackEvent(source: FeedbackSource, reported: ReportedEvent, receivedAt: Date): FeedbackEvent {
  const { occurredAt, externalId } = reported;
  return {
    kind: reported.kind,
    source,
    externalId: externalId.length > MAX_EXTERNAL_ID_LENGTH ? stableId(externalId) : externalId,
    occurredAt: occurredAt && !Number.isNaN(occurredAt.getTime()) ? occurredAt : receivedAt,
    // Only shape-checked here: whoever looks the row up verifies its signature.
    deliveryRef: reported.deliveryRef && REF_PATTERN.test(reported.deliveryRef) ? reported.deliveryRef : null,
    messageId: normaliseMessageId(reported.messageId),
    email: nonEmpty(reported.email?.trim().toLowerCase()),
    code: nonEmpty(reported.code?.trim().slice(0, 32)),
    detail: nonEmpty(reported.detail?.trim().slice(0, MAX_DETAIL_LENGTH).trim()),
  };
}

/**
 * The Message-ID without its angle brackets, whichever way the provider wrote it. The outbox
 * keeps nodemailer's bracketed form: look rows up through this function too.
 */
export function normaliseMessageId(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  return nonEmpty(trimmed.replace(/^<+/, '').replace(/>+$/, '').trim());
}

/** An id for an event its provider does not number: the same report always gives the same id. */
export function stableId(...parts: Array<string | number | null>): string {
  const joined = parts.map((part) => (part === null ? '' : String(part))).join('\u0000');
  return createHash('sha256').update(joined, 'utf8').digest('hex').slice(0, 40);
}

/** The first enhanced status code ("5.1.1") in a diagnostic text, if any. */
export function enhancedCodeIn(textValue: string | null): string | null {
  return textValue ? (ENHANCED_CODE.exec(textValue)?.[1] ?? null) : null;
}

export function dateFromSeconds(seconds: number | null): Date | null {
  return seconds === null ? null : new Date(seconds * 1000);
}

export function dateFromText(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}

function nonEmpty(value: string | undefined): string | null {
  return value ? value : null;
}
