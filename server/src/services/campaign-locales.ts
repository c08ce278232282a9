/**
 * The site's locales as campaigns use them: the language versions a campaign may hold and the
 * check of a campaign's locales on save (docs/architecture.md, "Composing", "Languages").
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { SiteLocale } from '../contracts';
import type { CampaignInput } from '../validation/campaigns';

/** The site's locales (Strapi's i18n); none when i18n is not installed. */
export async function siteLocales(strapi: Core.Strapi): Promise<SiteLocale[]> {
  const i18n = strapi.plugin('i18n');
  if (!i18n) return [];
  const locales: SiteLocale[] = await i18n.service('locales').find();
  return locales.map(({ code, name, isDefault }) => ({ code, name, isDefault: Boolean(isDefault) }));
}

/** The codes a version may take, or null when i18n is not installed and any code goes. */
async function siteLocaleCodes(strapi: Core.Strapi): Promise<string[] | null> {
  if (!strapi.plugin('i18n')) return null;
  return (await siteLocales(strapi)).map((locale) => locale.code);
}

/** Refuses (400) a locale the site does not have, and a version in the default content's locale. */
export async function checkLocales(strapi: Core.Strapi, input: CampaignInput): Promise<void> {
  const asked = [input.defaultLocale, ...(input.versions ?? []).map((v) => v.locale)].filter((code): code is string =>
    Boolean(code),
  );
  const known = asked.length ? await siteLocaleCodes(strapi) : null;
  const unknown = known ? asked.filter((code) => !known.includes(code)) : [];
  if (unknown.length) {
    throw new errors.ValidationError(
      `Unknown locale(s): ${unknown.join(', ')}. The site's locales (Settings → Internationalization): ${known?.join(', ')}`,
    );
  }
  if (input.defaultLocale && input.versions?.some((v) => v.locale === input.defaultLocale)) {
    throw new errors.ValidationError(
      `The default content is already in "${input.defaultLocale}": a version needs another locale.`,
    );
  }
}
