/**
 * Addresses and names as they arrive from forms, the admin and CSV files.
 * Pure: no Strapi, so the rules are unit-tested on their own.
 */
import { createHash } from 'node:crypto';
import { domainToASCII } from 'node:url';

export type AddressCheck = { ok: true; email: string } | { ok: false; reason: string };
export type NameCheck = { ok: true; name: string | null } | { ok: false; reason: string };

// RFC 5321: 64 octets of local part, 254 for the whole address once the path brackets are gone.
const MAX_LOCAL = 64;
const MAX_ADDRESS = 254;
// Generous bound on the raw input, so nothing huge is ever trimmed, normalized or parsed.
const MAX_RAW = 320;
export const MAX_NAME_LENGTH = 100;

// Unquoted dot-atom of ASCII atext (RFC 5322 3.2.3). Quoted local parts and SMTPUTF8 local parts
// are refused on purpose: few servers deliver them and they are a favourite of injection attempts.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
// C0 and C1 controls, DEL, line and paragraph separators, and bidi overrides that disguise text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- the same class, to replace them in display names
const CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Validates an address and returns its canonical form: trimmed, lower-cased, the domain in ASCII
 * (IDN domains become punycode, which every SMTP server accepts). The local part is lower-cased
 * too: mailbox providers ignore its case in practice, and MySQL's default collation already
 * compares it without case, so keeping it would make duplicates depend on the database.
 */
export function normalizeEmail(raw: unknown): AddressCheck {
  if (raw === undefined || raw === null) return { ok: false, reason: 'The email address is missing.' };
  if (typeof raw !== 'string') return { ok: false, reason: 'The email address must be text.' };
  if (raw.length > MAX_RAW) return { ok: false, reason: 'The email address is too long.' };
  const value = raw.trim().normalize('NFC');
  if (!value) return { ok: false, reason: 'The email address is missing.' };
  if (CONTROL.test(value) || /\s/.test(value)) {
    return { ok: false, reason: 'The email address contains spaces or control characters.' };
  }

  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return invalid();
  const local = value.slice(0, at).toLowerCase();
  if (local.length > MAX_LOCAL || !LOCAL_PART.test(local)) return invalid();

  const domain = asciiDomain(value.slice(at + 1));
  if (!domain) return invalid();

  const email = `${local}@${domain}`;
  if (email.length > MAX_ADDRESS) return { ok: false, reason: 'The email address is too long.' };
  return { ok: true, email };
}

function asciiDomain(raw: string): string | null {
  if (raw.endsWith('.') || raw.startsWith('[')) return null;
  const ascii = domainToASCII(raw.toLowerCase());
  if (!ascii || ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return null;
  return TOP_LEVEL.test(labels[labels.length - 1]) ? ascii : null;
}

function invalid(): AddressCheck {
  return { ok: false, reason: 'The email address is not valid.' };
}

/** A name from a public form: refused (not repaired) when it carries control characters. */
export function checkName(raw: unknown): NameCheck {
  if (raw === undefined || raw === null) return { ok: true, name: null };
  if (typeof raw !== 'string') return { ok: false, reason: 'The name must be text.' };
  if (raw.length > MAX_NAME_LENGTH * 4)
    return { ok: false, reason: `The name is longer than ${MAX_NAME_LENGTH} characters.` };
  if (CONTROL.test(raw)) return { ok: false, reason: 'The name may not contain line breaks or control characters.' };
  const name = collapse(raw);
  if ([...name].length > MAX_NAME_LENGTH)
    return { ok: false, reason: `The name is longer than ${MAX_NAME_LENGTH} characters.` };
  return { ok: true, name: name || null };
}

/** A name from a CSV file: repaired (controls removed, length capped), since a row is not a person typing. */
export function cleanName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const name = [...collapse(raw.replace(CONTROL_ALL, ' '))].slice(0, MAX_NAME_LENGTH).join('').trim();
  return name || null;
}

function collapse(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * The hash kept for an erased address. Deliberately not keyed with the plugin secret, so
 * rotating the secret never lifts a suppression.
 */
export function suppressionHash(email: string): string {
  return createHash('sha256').update(`email-campaigns:suppression:v1:${email.toLowerCase()}`).digest('hex');
}

/** `j•••@example.com`: enough for a person to recognise their address on a page. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}
