import { useFetchClient } from '@strapi/strapi/admin';
import { useMemo } from 'react';
import { api } from './paths';
import type { MailingList, SubscribeForm, Subscriber, SubscriberStatus } from './types';
import { queryString, useResource } from './useResource';

export interface SubscriberQuery {
  page: number;
  search?: string;
  status?: SubscriberStatus | '';
  list?: number | '';
}

export const useSubscribers = (query: SubscriberQuery) =>
  useResource<Subscriber[]>(api(`/subscribers${queryString({ ...query, pageSize: 20 })}`));
export const useLists = () => useResource<MailingList[]>(api('/lists'));
export const useForms = () =>
  useResource<Array<SubscribeForm & { embed: { html: string; hostedUrl: string } }>>(api('/forms'));

export interface SubscriberInput {
  email: string;
  name: string | null;
  status: Exclude<SubscriberStatus, 'pending'>;
  lists: number[];
}

export type ListInput = Pick<MailingList, 'name' | 'slug' | 'description' | 'doubleOptIn' | 'public'>;
export type FormInput = Pick<
  SubscribeForm,
  'name' | 'slug' | 'doubleOptIn' | 'successUrl' | 'consentText' | 'fields'
> & { lists: number[] };

export interface ImportMapping {
  email?: string;
  name?: string;
  locale?: string;
  status?: string;
  lists?: string;
  attributes?: Record<string, string>;
}

export interface ImportJob {
  id: string;
  status: 'running' | 'done' | 'failed';
  fileBytes: number;
  bytesRead: number;
  rows: number;
  inserted: number;
  existing: number;
  duplicates: number;
  suppressed: number;
  invalid: number;
  invalidLines: Array<{ line: number; reason: string }>;
  error: string | null;
}

/** Writes of subscribers, lists and forms; CSV import and export. */
export function useAudienceActions() {
  const { get, post, put, del } = useFetchClient();
  return useMemo(() => {
    const crud = <Input>(path: string) => ({
      create: (input: Input) => post(api(path), input),
      update: (id: number, input: Partial<Input>) => put(api(`${path}/${id}`), input),
      remove: (id: number) => del(api(`${path}/${id}`)),
    });
    return {
      subscribers: crud<SubscriberInput>('/subscribers'),
      lists: crud<ListInput>('/lists'),
      forms: crud<FormInput>('/forms'),
      startImport: async (
        file: File,
        mapping: ImportMapping,
        lists: number[],
        status: 'subscribed' | 'unsubscribed',
      ) => {
        const body = new FormData();
        body.append('file', file);
        body.append('mapping', JSON.stringify(mapping));
        body.append('lists', JSON.stringify(lists));
        body.append('status', status);
        return (await post<{ data: ImportJob }>(api('/subscribers/import'), body)).data.data;
      },
      importProgress: async (id: string) =>
        (await get<{ data: ImportJob }>(api(`/subscribers/imports/${id}`))).data.data,
      exportCsv: async (filter: { status?: string; list?: number | '' }) =>
        (await get<Blob>(api(`/subscribers/export${queryString(filter)}`), { responseType: 'blob' })).data,
    };
  }, [get, post, put, del]);
}
