/**
 * What a campaign message carries so that whatever a provider or a mailbox reports about it later
 * leads back to its delivery row: the signed reference in the header its provider echoes, and a
 * VERP return path when a bounce mailbox is set up. See docs/architecture.md, "Outcome rules".
 */
import { signDeliveryRef } from '../feedback/delivery-ref';
import { referenceHeaders } from '../feedback/reference-headers';
import type { ResolvedProvider } from '../providers';

export interface ReferenceSettings {
  /** The plugin's `secret`: references are checked with it when they come back. */
  secret: string;
  /** `feedback.bounceMailbox.verp`, when bounces come back to a mailbox the plugin reads. */
  verp?: { localPart: string; domain: string };
}

/** A header value nodemailer writes as is. */
type Prepared = { prepared: true; value: string };

export interface DeliveryReference {
  /**
   * Extra message headers. Providers strip theirs before delivery, which is why none of them is
   * among the header fields DKIM signs (headers.ts): a signed header that vanishes breaks the signature.
   */
  headers: Record<string, Prepared>;
  /** The envelope sender (MAIL FROM) in place of the From address, for VERP. */
  returnPath?: string;
}

export function deliveryReference(
  provider: Pick<ResolvedProvider, 'preset' | 'sesConfigurationSet'>,
  deliveryId: number,
  settings: ReferenceSettings,
): DeliveryReference {
  const ref = signDeliveryRef(settings.secret, deliveryId);
  const values = referenceHeaders(provider.preset, ref);
  // SES publishes message tags only to the event destinations of a configuration set.
  if (provider.sesConfigurationSet) values['X-SES-CONFIGURATION-SET'] = provider.sesConfigurationSet;
  const headers = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, prepared(value)]));
  const { verp } = settings;
  return { headers, ...(verp ? { returnPath: `${verp.localPart}+${ref}@${verp.domain}` } : {}) };
}

// nodemailer writes a value with JSON punctuation as RFC 2047 encoded-words (`=?UTF-8?Q?=7B...`),
// which SendGrid and Mailgun would read as text, not as JSON. Written as is instead: safe because
// every value is a short line of printable ASCII (a reference is [a-z0-9-]; JSON adds punctuation).
function prepared(value: string): Prepared {
  if (!/^[\x20-\x7e]{1,900}$/.test(value)) throw new TypeError(`not a header value: ${JSON.stringify(value)}`);
  return { prepared: true, value };
}
