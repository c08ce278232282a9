import type { CampaignEntry, EntriesAnswer, EntriesRequest } from '../../../server/src/contracts';
import { api } from './paths';
import { queryString } from './useResource';
import { useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';

export interface ContentType {
  uid: string;
  kind: 'collectionType' | 'singleType';
  isDisplayed: boolean;
  info: { displayName: string };
  /** `draftAndPublish`: whether entries are published, which publish rules react to. */
  options?: { draftAndPublish?: boolean };
  attributes: Record<string, { type: string; enum?: string[] }>;
}

/** An entry as the Content Manager API sends it. */
export type ContentEntry = Record<string, unknown> & { documentId?: string };

const PICKABLE = new Set([
  'string',
  'text',
  'richtext',
  'email',
  'uid',
  'integer',
  'biginteger',
  'float',
  'decimal',
  'boolean',
  'date',
  'datetime',
  'time',
  'enumeration',
]);

/** A type's fields that hold one plain value: what publish rule conditions test. */
export const scalarFields = (type: ContentType): string[] =>
  Object.keys(type.attributes).filter((name) => PICKABLE.has(type.attributes[name].type));

/** The site's own collection types, as the Content Manager lists them; read once `enabled`. */
export function useCollectionTypes(enabled: boolean) {
  const { get } = useFetchClient();
  const [types, setTypes] = useState<ContentType[]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (!enabled || types) return;
    get<{ data: ContentType[] }>('/content-manager/content-types')
      .then(({ data }) =>
        setTypes(
          data.data.filter(
            (type) => type.kind === 'collectionType' && type.isDisplayed && type.uid.startsWith('api::'),
          ),
        ),
      )
      .catch(setError);
  }, [get, enabled, types]);
  return { types, error };
}

/**
 * One page of a collection type's published entries through the Content Manager API (its RBAC
 * applies), in `locale` when the campaign language being edited has one (types without i18n ignore it).
 */
export function useEntries(uid: string | null, search: string, page: number, locale?: string | null) {
  const { get } = useFetchClient();
  const [entries, setEntries] = useState<ContentEntry[]>();
  const [pageCount, setPageCount] = useState(1);
  useEffect(() => {
    if (!uid) return;
    let current = true;
    get<{ results: ContentEntry[]; pagination: { pageCount: number } }>(
      `/content-manager/collection-types/${uid}${queryString({ page, pageSize: 10, _q: search, locale, status: 'published' })}`,
    ).then(
      ({ data }) => {
        if (!current) return;
        setEntries(data.results);
        setPageCount(data.pagination.pageCount);
      },
      () => current && setEntries([]),
    );
    return () => {
      current = false;
    };
  }, [get, uid, search, page, locale]);
  return { entries, pageCount };
}

/**
 * What a campaign keeps of an entry: the entry as templates see it, media, relations, components
 * and rich text included, resolved by the server (`POST /content/entries`); null when it is gone.
 */
export function useResolveEntry() {
  const { post } = useFetchClient();
  return useCallback(
    async (request: EntriesRequest): Promise<CampaignEntry | null> => {
      const { data } = await post<EntriesAnswer>(api('/content/entries'), request);
      return data.data[0] ?? null;
    },
    [post],
  );
}

/** The field that names an entry: title, name or the first text field. */
export function titleField(type: ContentType): string {
  const names = Object.keys(type.attributes);
  return (
    ['title', 'name', 'headline', 'label'].find((name) => names.includes(name)) ??
    names.find((name) => type.attributes[name].type === 'string') ??
    'id'
  );
}
