/**
 * A campaign in several languages: besides its default content (subject, preheader, MJML,
 * entries), a campaign may hold one version per locale of Strapi's i18n. Each recipient gets the
 * version of their language, else the default. The choice is made once, when the audience is
 * materialized, and kept on the delivery row, so the sender and the report agree on it.
 * See docs/architecture.md, "Composing".
 */
import type { CampaignEntry, CampaignVersion } from '../../contracts';

export type { CampaignVersion };

// A BCP 47 tag as Strapi's i18n writes locale codes: `vi`, `pt-BR`, `zh-Hant-TW`.
export const LOCALE_CODE = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

/** The versions stored on a campaign row (JSON), each with its locale. */
export function readVersions(value: unknown): CampaignVersion[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (v): v is CampaignVersion =>
      typeof v === 'object' && v !== null && typeof v.locale === 'string' && LOCALE_CODE.test(v.locale),
  );
}

/**
 * Whether a person's locale is served by a version's: the same tag, or a more precise one
 * (`vi-VN` by `vi`). Case does not matter.
 */
export function localeMatches(personLocale: string | null | undefined, versionLocale: string): boolean {
  if (!personLocale) return false;
  const person = personLocale.toLowerCase();
  const version = versionLocale.toLowerCase();
  return person === version || person.startsWith(`${version}-`);
}

/** Versions most precise first, so `pt-BR` is tried before `pt`. */
function mostPreciseFirst(versions: CampaignVersion[]): CampaignVersion[] {
  return [...versions].sort((a, b) => b.locale.length - a.locale.length);
}

/** The locale of the version a person gets: theirs when the campaign has it, else the default's (maybe null). */
export function versionLocaleFor(
  personLocale: string | null | undefined,
  versions: CampaignVersion[],
  defaultLocale: string | null,
): string | null {
  const match = mostPreciseFirst(versions).find((v) => localeMatches(personLocale, v.locale));
  return match ? match.locale : defaultLocale;
}

/**
 * The same choice as versionLocaleFor, as a SQL expression over a subscriber's `locale` column, so
 * the audience is materialized in one INSERT … SELECT (lower() and LIKE behave alike on SQLite,
 * PostgreSQL and MariaDB).
 */
export function versionLocaleSql(
  column: string,
  versions: CampaignVersion[],
  defaultLocale: string | null,
): { sql: string; bindings: Array<string | null> } {
  const ordered = mostPreciseFirst(versions);
  if (ordered.length === 0) return { sql: '?', bindings: [defaultLocale] };
  const bindings: Array<string | null> = [];
  // Locale codes hold letters, digits and dashes only (LOCALE_CODE): nothing LIKE reads as a wildcard.
  const cases = ordered.map((v) => {
    const code = v.locale.toLowerCase();
    bindings.push(code, `${code}-%`, v.locale);
    return `when lower(${column}) = ? or lower(${column}) like ? then ?`;
  });
  bindings.push(defaultLocale);
  return { sql: `case ${cases.join(' ')} else ? end`, bindings };
}

/**
 * A version's content as the compile reads it: the default's subject, preheader or MJML where the
 * version leaves one empty, the default's entries where it has none of its own (an empty list is its own).
 */
export function versionContent<T extends { subject?: string | null; preheader?: string | null; mjml?: string | null }>(
  base: T & { entries?: CampaignEntry[] | null },
  version: CampaignVersion | undefined,
): T & { entries?: CampaignEntry[] | null } {
  if (!version) return base;
  return {
    ...base,
    subject: version.subject || base.subject,
    preheader: version.preheader || base.preheader,
    mjml: version.mjml || base.mjml,
    entries: version.entries ?? base.entries,
  };
}
