import type { SiteLocale } from '../../../server/src/contracts';
import { api } from './paths';
import { useResource } from './useResource';

/**
 * The site's locales (Strapi's i18n): the languages a campaign may have versions in. Served by the
 * plugin under its `read` permission, so a reader sees a campaign's languages without i18n's own.
 */
export const useSiteLocales = (): SiteLocale[] => useResource<SiteLocale[]>(api('/campaigns/locales')).data ?? [];
