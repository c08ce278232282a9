import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';

/** A locale of the site, as Strapi's i18n plugin lists it (Settings → Internationalization). */
export interface SiteLocale {
  id: number;
  code: string;
  name: string;
  isDefault: boolean;
}

/**
 * The site's locales: the languages a campaign may have versions in. i18n answers a bare array,
 * not `{ data }`; without i18n (or its read permission) the list is empty and the editor offers
 * no versions.
 */
export function useSiteLocales(): SiteLocale[] {
  const { get } = useFetchClient();
  const [locales, setLocales] = useState<SiteLocale[]>([]);
  useEffect(() => {
    let current = true;
    get<SiteLocale[]>('/i18n/locales').then(
      ({ data }) => current && setLocales(Array.isArray(data) ? data : []),
      () => current && setLocales([]),
    );
    return () => {
      current = false;
    };
  }, [get]);
  return locales;
}
