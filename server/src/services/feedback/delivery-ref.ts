/**
 * The signed delivery reference every message carries, so that a provider's event (or a VERP
 * bounce address, `bounces+<ref>@domain`) leads back to its delivery row without a lookup table.
 *
 * A reference is `d<deliveryId>-<mac>`: the mac is the first 80 bits of HMAC-SHA256 over
 * `d<deliveryId>` in lower-case base32, so a reference is about 20 characters of `[a-z0-9-]`.
 * That alphabet is the intersection of what every carrier accepts: SES message tags allow only
 * `[A-Za-z0-9_-]`, a VERP local part should avoid anything special, and some MTAs lowercase
 * local parts (verification lowercases too, so an upper-cased copy still verifies).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

// 80 bits: forging one means about 2^79 online guesses, each a request to a webhook route.
const MAC_BYTES = 10;
const MAC_CHARS = 16; // 10 bytes in base32, no padding
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

// Above any reference we issue (d + 16 digits + - + 16), low enough to refuse junk unread.
export const MAX_DELIVERY_REF_LENGTH = 40;

const REF_PATTERN = new RegExp(`^d([1-9]\\d{0,15})-([a-z2-7]{${MAC_CHARS}})$`);

export function signDeliveryRef(secret: string, deliveryId: number): string {
  if (!(Number.isSafeInteger(deliveryId) && deliveryId > 0)) {
    throw new RangeError(`deliveryId must be a positive integer, got ${deliveryId}`);
  }
  const body = `d${deliveryId}`;
  return `${body}-${mac(secret, body)}`;
}

/**
 * The delivery id a reference names, or null when it is malformed or signed by none of the
 * secrets. Several secrets let a rotated-out one keep verifying the mail already sent with it.
 */
export function verifyDeliveryRef(secrets: readonly string[], ref: unknown): number | null {
  if (typeof ref !== 'string' || ref.length > MAX_DELIVERY_REF_LENGTH) return null;
  const parts = REF_PATTERN.exec(ref.toLowerCase());
  if (!parts) return null;
  const [, id, givenMac] = parts;
  if (!Number.isSafeInteger(Number(id))) return null;
  const body = `d${id}`;
  const given = Buffer.from(givenMac);
  // Every secret is tried, so the time taken does not tell which one (if any) matched.
  let matched = false;
  for (const secret of secrets) {
    if (timingSafeEqual(Buffer.from(mac(secret, body)), given)) matched = true;
  }
  return matched ? Number(id) : null;
}

function mac(secret: string, body: string): string {
  return base32(createHmac('sha256', refKey(secret)).update(body).digest().subarray(0, MAC_BYTES));
}

// A key derived for this one use, so the configured secret never signs anything directly
// and the same secret can also sign the link tokens without the two being interchangeable.
function refKey(secret: string): Buffer {
  if (!secret) throw new TypeError('email-campaigns: the delivery reference secret is empty');
  return createHmac('sha256', secret).update('email-campaigns:delivery-ref').digest();
}

// RFC 4648 base32, lower case, without padding.
function base32(bytes: Buffer): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1; // keep only the bits not yet written
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}
