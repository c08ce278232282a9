/**
 * The body of a public subscribe request (JSON, urlencoded or multipart), checked field by field
 * with a message a person can act on. Pure, so the rules are unit-tested.
 */
import { errors } from '@strapi/utils';
import { checkName, normalizeEmail } from '../../services/audience/email-address';
import { LOCALES, type Locale } from '../../pages/texts';
import { HONEYPOT_FIELD } from '../../pages/subscribe-form';
import type { SubscribeRequest } from '../../services/audience/subscriptions';

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_SLUG = 120;
const MAX_LISTS = 20;
const YES = new Set(['yes', 'on', 'true', '1']);

export type SubscribeInput = { honeypot: true; form: string | null } | { honeypot: false; request: SubscribeRequest };

export function readSubscribeInput(body: Record<string, unknown> | null): SubscribeInput {
  if (!body) throw new errors.ValidationError('Send the fields as JSON or as a form.');
  // Bots fill every field; people never see this one. Checked first, so a bot learns nothing.
  if (filled(body[HONEYPOT_FIELD]))
    return { honeypot: true, form: typeof body.form === 'string' && SLUG.test(body.form) ? body.form : null };

  const email = normalizeEmail(body.email);
  if (!email.ok) throw new errors.ValidationError(email.reason);
  const name = checkName(emptyToNull(body.name));
  if (!name.ok) throw new errors.ValidationError(name.reason);

  return {
    honeypot: false,
    request: {
      email: email.email,
      name: name.name,
      lists: readSlugs(body.lists),
      form: readForm(body.form),
      locale: readLocale(body.locale),
      consent: readConsent(body.consent),
    },
  };
}

/** List slugs from `lists=a&lists=b`, `lists=a,b` or a JSON array. */
export function readSlugs(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  const items =
    typeof value === 'string'
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : value;
  if (
    !Array.isArray(items) ||
    items.length > MAX_LISTS ||
    !items.every((item) => typeof item === 'string' && item.length <= MAX_SLUG && SLUG.test(item))
  ) {
    throw new errors.ValidationError(
      `lists must name at most ${MAX_LISTS} lists by their slug (lower-case letters, digits and dashes).`,
    );
  }
  return [...new Set(items as string[])];
}

function readForm(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > MAX_SLUG || !SLUG.test(value)) {
    throw new errors.ValidationError('form must be the slug of a form (lower-case letters, digits and dashes).');
  }
  return value;
}

function readLocale(value: unknown): Locale | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > 16)
    throw new errors.ValidationError('locale must be a language tag such as "en" or "vi".');
  const base = value.toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base) ? (base as Locale) : null;
}

function readConsent(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '') return false;
  if (value === true) return true;
  if (typeof value === 'string' && value.length <= 10) return YES.has(value.toLowerCase());
  throw new errors.ValidationError('consent must be true or false.');
}

function filled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  return typeof value !== 'string' || value.trim() !== '';
}

function emptyToNull(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? null : value;
}
