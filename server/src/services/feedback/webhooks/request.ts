/**
 * What a webhook verifier sees of an HTTP request: the body exactly as it arrived (signatures
 * cover bytes, not a re-serialised object), headers with lower-case names, and the query string.
 */
export interface WebhookRequest {
  rawBody: Buffer;
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
}

/** Why a request was refused; the route answers 401 for every one and logs the reason. */
export type WebhookRefusal =
  | 'not-configured' // no key, secret or topic set up for this provider
  | 'missing-signature'
  | 'missing-timestamp'
  | 'stale-timestamp' // outside the allowed window, or not a timestamp at all
  | 'bad-signature'
  | 'missing-credentials'
  | 'bad-credentials'
  | 'malformed-body' // the signed fields cannot be read, so nothing can be verified
  | 'unexpected-topic' // an SNS topic that is not ours
  | 'forbidden-certificate-url' // an SNS signing certificate from outside amazonaws.com
  | 'certificate-unavailable'
  | 'forbidden-subscribe-url';

export type Refused = { ok: false; reason: WebhookRefusal };

export type Verification = { ok: true } | Refused;

export function refuse(reason: WebhookRefusal): Refused {
  return { ok: false, reason };
}
