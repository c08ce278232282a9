// Amazon SNS message signatures, as docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html
// describes them; fields: docs.aws.amazon.com/sns/latest/dg/http-notification-json.html and
// docs.aws.amazon.com/sns/latest/dg/http-subscription-confirmation-json.html
import { verify as verifySignature, X509Certificate } from 'node:crypto';
import { asObject, field, type Json, type JsonObject } from './payload';
import { refuse, type Refused } from './request';

/** Fetches a signing certificate (PEM); tests pass one that serves a local certificate. */
export type CertificateSource = (url: string) => Promise<string>;

export interface SnsSettings {
  /**
   * The topics we subscribed to. Required: anyone can create a topic, subscribe our URL and
   * publish messages that SNS signs as genuinely as ours.
   */
  topicArns: readonly string[];
  certificateSource?: CertificateSource;
  /**
   * Refuses messages older than this (a day by default): SNS gives up retrying an HTTP delivery
   * within an hour (docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html).
   */
  maxAgeSeconds?: number;
}

export type SnsMessageType = 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';

export type SnsVerification =
  | { ok: true; type: 'Notification' | 'UnsubscribeConfirmation'; messageId: string }
  | { ok: true; type: 'SubscriptionConfirmation'; messageId: string; subscribeUrl: string }
  | Refused;

// The fields each message type signs, in the documented (alphabetical) order.
const SIGNED_FIELDS: Record<SnsMessageType, readonly string[]> = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
  UnsubscribeConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
};
const OPTIONAL_FIELDS = new Set(['Subject']);
const DIGESTS: Record<string, string> = { '1': 'sha1', '2': 'sha256' };

const SNS_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;
const DEFAULT_MAX_AGE_SECONDS = 24 * 3600;
const CLOCK_SKEW_SECONDS = 5 * 60;
const MAX_SIGNATURE_LENGTH = 1024; // a 4096-bit RSA signature is 684 characters of base64
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** True for an https URL on an SNS endpoint host, with no credentials or port to smuggle. */
export function isSnsUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && SNS_HOST.test(url.hostname) && !url.port && !url.username && !url.password;
}

/**
 * Verifies an SNS message: its topic is one of ours, its certificate comes from an SNS host and
 * signs the canonical string of its fields. Nothing is fetched before the cheap checks pass.
 */
export async function verifySnsMessage(rawBody: Buffer, settings: SnsSettings, now: Date): Promise<SnsVerification> {
  if (settings.topicArns.length === 0) return refuse('not-configured');
  const message = envelope(rawBody);
  if (!message) return refuse('malformed-body');
  const type = field(message, 'Type') as SnsMessageType;
  const signed = signedFields(message, SIGNED_FIELDS[type]);
  const digest = DIGESTS[String(field(message, 'SignatureVersion'))];
  const signature = field(message, 'Signature');
  const certUrl = field(message, 'SigningCertURL');
  if (!signed || !digest || typeof certUrl !== 'string') return refuse('malformed-body');
  if (typeof signature !== 'string' || !signature) return refuse('missing-signature');
  if (signature.length > MAX_SIGNATURE_LENGTH || !BASE64.test(signature)) return refuse('bad-signature');

  if (!settings.topicArns.includes(signed.TopicArn)) return refuse('unexpected-topic');
  if (!isRecent(signed.Timestamp, now, settings.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS)) {
    return refuse('stale-timestamp');
  }
  if (!isSnsUrl(certUrl) || !new URL(certUrl).pathname.endsWith('.pem')) return refuse('forbidden-certificate-url');
  if (type === 'SubscriptionConfirmation' && !isSnsUrl(signed.SubscribeURL)) return refuse('forbidden-subscribe-url');

  const certificate = await loadCertificate(certUrl, settings.certificateSource ?? fetchCertificate, now);
  if (!certificate) return refuse('certificate-unavailable');
  const canonical = SIGNED_FIELDS[type]
    .filter((name) => signed[name] !== undefined)
    .map((name) => `${name}\n${signed[name]}\n`)
    .join('');
  let valid = false;
  try {
    valid = verifySignature(
      digest,
      Buffer.from(canonical, 'utf8'),
      certificate.publicKey,
      Buffer.from(signature, 'base64'),
    );
  } catch {
    valid = false; // a key of the wrong type, or a signature of the wrong size
  }
  if (!valid) return refuse('bad-signature');

  const messageId = signed.MessageId;
  return type === 'SubscriptionConfirmation'
    ? { ok: true, type, messageId, subscribeUrl: signed.SubscribeURL }
    : { ok: true, type, messageId };
}

function envelope(rawBody: Buffer): JsonObject | null {
  let parsed: Json;
  try {
    parsed = JSON.parse(rawBody.toString('utf8')) as Json;
  } catch {
    return null;
  }
  const message = asObject(parsed);
  const type = field(message, 'Type');
  return typeof type === 'string' && Object.hasOwn(SIGNED_FIELDS, type) ? message : null;
}

// The signed fields as strings; null when a required one is missing or not a string.
function signedFields(message: JsonObject, names: readonly string[]): Record<string, string> | null {
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = field(message, name);
    if (typeof value === 'string') values[name] = value;
    else if (!(OPTIONAL_FIELDS.has(name) && value === undefined)) return null;
  }
  return values;
}

function isRecent(timestamp: string, now: Date, maxAgeSeconds: number): boolean {
  const ageSeconds = (now.getTime() - Date.parse(timestamp)) / 1000;
  return ageSeconds <= maxAgeSeconds && ageSeconds >= -CLOCK_SKEW_SECONDS;
}

// Certificates by URL, per source, so a test's local source never serves production and back.
const MAX_CACHED_CERTIFICATES = 16;
const certificateCache = new WeakMap<CertificateSource, Map<string, Promise<X509Certificate>>>();

async function loadCertificate(url: string, source: CertificateSource, now: Date): Promise<X509Certificate | null> {
  let cache = certificateCache.get(source);
  if (!cache) certificateCache.set(source, (cache = new Map()));
  let pending = cache.get(url);
  if (!pending) {
    pending = source(url).then((pem) => new X509Certificate(pem));
    cache.set(url, pending);
    if (cache.size > MAX_CACHED_CERTIFICATES) cache.delete(cache.keys().next().value as string);
  }
  try {
    const certificate = await pending;
    const inForce =
      Date.parse(certificate.validFrom) <= now.getTime() && now.getTime() <= Date.parse(certificate.validTo);
    return inForce ? certificate : null;
  } catch {
    cache.delete(url); // a failed fetch is tried again with the next message
    return null;
  }
}

const MAX_CERTIFICATE_BYTES = 64 * 1024;

/** The production source: an https GET with a timeout, no redirects and a size limit. */
export const fetchCertificate: CertificateSource = async (url) => {
  if (!isSnsUrl(url)) throw new Error(`SNS certificate ${url}: not an SNS URL`);
  const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`SNS certificate ${url}: HTTP ${response.status}`);
  if (Number(response.headers.get('content-length')) > MAX_CERTIFICATE_BYTES) {
    throw new Error(`SNS certificate ${url}: too large`);
  }
  const pem = await response.text();
  if (pem.length > MAX_CERTIFICATE_BYTES) throw new Error(`SNS certificate ${url}: too large`);
  return pem;
};
