import type { Core } from '@strapi/strapi';
import type { SiteLocale } from '../contracts';

/** The site's locales (Strapi's i18n); none when i18n is not installed. See docs/architecture.md, "Composing". */
export async function localesOfSite(strapi: Core.Strapi): Promise<SiteLocale[]> {
  const i18n = strapi.plugin('i18n');
  if (!i18n) return [];
  const locales: SiteLocale[] = await i18n.service('locales').find();
  return locales.map(({ code, name, isDefault }) => ({ code, name, isDefault: Boolean(isDefault) }));
}

/** The codes a language version may take, or null when i18n is not installed and any code goes. */
export async function siteLocaleCodes(strapi: Core.Strapi): Promise<string[] | null> {
  if (!strapi.plugin('i18n')) return null;
  return (await localesOfSite(strapi)).map((locale) => locale.code);
}
