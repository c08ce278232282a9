import { describe, expect, it } from 'vitest';
import {
  MAX_DELIVERY_REF_LENGTH,
  signDeliveryRef,
  verifyDeliveryRef,
} from '../../server/src/services/feedback/delivery-ref';

const SECRET = 'a-long-random-secret-for-tests';
const OLD_SECRET = 'the-secret-before-the-rotation';

// Replaces one character of the mac with another of the base32 alphabet.
function tamper(ref: string, index: number): string {
  const replacement = ref[index] === 'a' ? 'b' : 'a';
  return ref.slice(0, index) + replacement + ref.slice(index + 1);
}

describe('delivery references', () => {
  it('round-trips a delivery id in about 20 characters safe for a VERP local part and an SES tag', () => {
    const ref = signDeliveryRef(SECRET, 12345);
    expect(ref).toMatch(/^d12345-[a-z2-7]{16}$/);
    expect(ref.length).toBeLessThanOrEqual(25);
    expect(verifyDeliveryRef([SECRET], ref)).toBe(12345);
    expect(verifyDeliveryRef([SECRET], signDeliveryRef(SECRET, Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('is deterministic, so a re-sent delivery carries the same reference', () => {
    expect(signDeliveryRef(SECRET, 7)).toBe(signDeliveryRef(SECRET, 7));
    expect(signDeliveryRef(SECRET, 7)).not.toBe(signDeliveryRef(SECRET, 8));
  });

  it('still verifies after an MTA upper- or lower-cased it', () => {
    const ref = signDeliveryRef(SECRET, 42);
    expect(verifyDeliveryRef([SECRET], ref.toUpperCase())).toBe(42);
  });

  it('refuses a changed mac, a changed id and a reference signed with another secret', () => {
    const ref = signDeliveryRef(SECRET, 42);
    for (let index = ref.indexOf('-') + 1; index < ref.length; index += 5) {
      expect(verifyDeliveryRef([SECRET], tamper(ref, index))).toBeNull();
    }
    expect(verifyDeliveryRef([SECRET], ref.replace('d42-', 'd43-'))).toBeNull();
    expect(verifyDeliveryRef([SECRET], signDeliveryRef('someone-else', 42))).toBeNull();
  });

  it('accepts a reference signed with a rotated-out secret while it is still listed', () => {
    const old = signDeliveryRef(OLD_SECRET, 9);
    expect(verifyDeliveryRef([SECRET, OLD_SECRET], old)).toBe(9);
    expect(verifyDeliveryRef([SECRET], old)).toBeNull();
    expect(verifyDeliveryRef([], old)).toBeNull();
  });

  it('refuses malformed and over-long input without throwing', () => {
    const ref = signDeliveryRef(SECRET, 1);
    const junk: unknown[] = [
      undefined,
      null,
      42,
      {},
      '',
      'd1-',
      ref.slice(0, -1),
      `${ref}a`,
      ` ${ref}`,
      ref.replace('d1-', 'd01-'),
      ref.replace('d1-', 'd0-'),
      ref.replace('d1-', 'd-1-'),
      `d12345678901234567-${ref.split('-')[1]}`,
      `d9007199254740993-${ref.split('-')[1]}`,
      `${ref}\r\nBcc: x@example.com`,
      'x'.repeat(MAX_DELIVERY_REF_LENGTH + 1),
      'd'.repeat(1_000_000),
    ];
    for (const value of junk) expect(verifyDeliveryRef([SECRET], value)).toBeNull();
  });

  it('refuses to sign a non-positive or unsafe id, or with an empty secret', () => {
    for (const id of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => signDeliveryRef(SECRET, id)).toThrow(RangeError);
    }
    expect(() => signDeliveryRef('', 1)).toThrow(/secret is empty/);
  });
});
