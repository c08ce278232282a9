import { useFetchClient } from '@strapi/strapi/admin';
import { useMemo } from 'react';
import type {
  ExportFilter,
  FormInput,
  ImportedStatus,
  ImportJobResponse,
  ImportMapping,
  ListInput,
  MailingListWithCount,
  SubscribeFormWithEmbed,
  Subscriber,
  SubscriberInput,
  SubscriberQuery,
} from '../../../server/src/contracts';
import { api } from './paths';
import { queryString, useResource } from './useResource';

const PAGE_SIZE = 20;

export const useSubscribers = (query: SubscriberQuery) =>
  useResource<Subscriber[]>(api(`/subscribers${queryString({ ...query, pageSize: PAGE_SIZE })}`));
export const useLists = () => useResource<MailingListWithCount[]>(api('/lists'));
export const useForms = () => useResource<SubscribeFormWithEmbed[]>(api('/forms'));

/** Writes of subscribers, lists and forms; CSV import and export. */
export function useAudienceActions() {
  const { get, post, put, del } = useFetchClient();
  return useMemo(() => {
    const crud = <Input>(path: string) => ({
      create: (input: Input) => post(api(path), input),
      update: (id: number, input: Input) => put(api(`${path}/${id}`), input),
      remove: (id: number) => del(api(`${path}/${id}`)),
    });
    return {
      subscribers: crud<SubscriberInput>('/subscribers'),
      lists: crud<ListInput>('/lists'),
      forms: crud<FormInput>('/forms'),
      startImport: async (file: File, mapping: ImportMapping, lists: number[], status: ImportedStatus) => {
        // Multipart: the file, and the other fields as JSON text (see ImportFields).
        const body = new FormData();
        body.append('file', file);
        body.append('mapping', JSON.stringify(mapping));
        body.append('lists', JSON.stringify(lists));
        body.append('status', status);
        return (await post<ImportJobResponse>(api('/subscribers/import'), body)).data.data;
      },
      importProgress: async (id: string) => (await get<ImportJobResponse>(api(`/subscribers/imports/${id}`))).data.data,
      exportCsv: async (filter: ExportFilter) =>
        (await get<Blob>(api(`/subscribers/export${queryString({ ...filter })}`), { responseType: 'blob' })).data,
    };
  }, [get, post, put, del]);
}
