import { describe, expect, it } from 'vitest';
import {
  checkName,
  cleanName,
  maskEmail,
  normalizeEmail,
  suppressionHash,
} from '../../server/src/services/audience/email-address';

const valid = (raw: string) => {
  const check = normalizeEmail(raw);
  if (!check.ok) throw new Error(`${raw}: ${check.reason}`);
  return check.email;
};

describe('normalizeEmail', () => {
  it('trims and lower-cases the address', () => {
    expect(valid('  Jo.Smith+News@Example.COM ')).toBe('jo.smith+news@example.com');
  });

  it('turns an IDN domain into punycode', () => {
    expect(valid('an@bücher.example')).toBe('an@xn--bcher-kva.example');
    expect(valid('lan@thư.việt.vn')).toMatch(/^lan@xn--.*\.xn--.*\.vn$/);
  });

  it('accepts the atext characters of RFC 5322', () => {
    expect(valid("o'brien!#$%&*=?^_`{|}~-@example.org")).toBe("o'brien!#$%&*=?^_`{|}~-@example.org");
  });

  it.each([
    ['', 'missing'],
    ['plain', 'not valid'],
    ['@example.com', 'not valid'],
    ['a@', 'not valid'],
    ['a@b', 'not valid'],
    ['a@example.c', 'not valid'],
    ['a@example.123', 'not valid'],
    ['a@[127.0.0.1]', 'not valid'],
    ['a@127.0.0.1', 'not valid'],
    ['a..b@example.com', 'not valid'],
    ['.a@example.com', 'not valid'],
    ['"quoted"@example.com', 'not valid'],
    ['a b@example.com', 'spaces'],
    ['a@exa mple.com', 'spaces'],
    ['a@example.com\r\nBcc: victim@example.org', 'spaces or control'],
    ['a\u0000@example.com', 'control'],
    ['<script>@example.com', 'not valid'],
    ['a@-example.com', 'not valid'],
    ['a@example-.com', 'not valid'],
    ['a@example.com.', 'not valid'],
    ['ñ@example.com', 'not valid'],
  ])('refuses %j (%s)', (raw, reason) => {
    const check = normalizeEmail(raw);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason.toLowerCase()).toContain(reason);
  });

  it('enforces the length limits of RFC 5321', () => {
    const local64 = 'a'.repeat(64);
    expect(normalizeEmail(`${local64}@example.com`).ok).toBe(true);
    expect(normalizeEmail(`${local64}a@example.com`).ok).toBe(false);
    const label = 'b'.repeat(63);
    const long = `${local64}@${[label, label, label].join('.')}.com`;
    expect(long.length).toBeGreaterThan(254);
    expect(normalizeEmail(long)).toEqual({ ok: false, reason: 'The email address is too long.' });
    expect(normalizeEmail('a'.repeat(10_000) + '@example.com')).toEqual({
      ok: false,
      reason: 'The email address is too long.',
    });
  });

  it('refuses anything that is not a string', () => {
    for (const value of [undefined, null, 42, true, ['a@example.com'], { email: 'a@example.com' }]) {
      expect(normalizeEmail(value).ok).toBe(false);
    }
  });
});

describe('names', () => {
  it('collapses white space and keeps non-Latin letters', () => {
    expect(checkName('  Nguyễn   Văn  An ')).toEqual({ ok: true, name: 'Nguyễn Văn An' });
    expect(checkName('')).toEqual({ ok: true, name: null });
    expect(checkName(undefined)).toEqual({ ok: true, name: null });
  });

  it('refuses header injection and other control characters in a form', () => {
    for (const name of [
      'Bob\r\nBcc: victim@example.org',
      'Bob\nX',
      'Tab\there',
      'Nul\u0000',
      'Rtl\u202eevil',
      'Sep\u2028x',
    ]) {
      expect(checkName(name)).toMatchObject({ ok: false, reason: expect.stringContaining('control') });
    }
  });

  it('refuses names longer than 100 characters and non-text', () => {
    expect(checkName('x'.repeat(100)).ok).toBe(true);
    expect(checkName('x'.repeat(101)).ok).toBe(false);
    expect(checkName(12).ok).toBe(false);
    expect(checkName({}).ok).toBe(false);
  });

  it('repairs names from files instead of refusing them', () => {
    expect(cleanName('Bob\r\nBcc: x')).toBe('Bob Bcc: x');
    expect(cleanName('y'.repeat(300))).toHaveLength(100);
    expect(cleanName('   ')).toBeNull();
    expect(cleanName(undefined)).toBeNull();
  });
});

describe('suppression hash and masking', () => {
  it('hashes an address the same way whatever its case, and differently from another', () => {
    expect(suppressionHash('Jo@Example.com')).toBe(suppressionHash('jo@example.com'));
    expect(suppressionHash('jo@example.com')).not.toBe(suppressionHash('jo@example.org'));
    expect(suppressionHash('jo@example.com')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('masks the local part', () => {
    expect(maskEmail('jo.smith@example.com')).toBe('j•••@example.com');
  });
});
