import { useFetchClient } from '@strapi/strapi/admin';
import { useMemo } from 'react';
import type {
  ConnectionTested,
  DomainChecked,
  ProviderInput,
  ProviderSaved,
  Settings,
} from '../../../server/src/contracts';
import { api } from './paths';
import { useResource } from './useResource';

export const useSettings = () => useResource<Settings>(api('/settings'));

const providerPath = (name: string) => api(`/settings/providers/${encodeURIComponent(name)}`);

export function useProviderActions() {
  const { post, put, del } = useFetchClient();
  return useMemo(
    () => ({
      create: async (input: ProviderInput) => (await post<ProviderSaved>(api('/settings/providers'), input)).data.data,
      // The name travels in the path.
      update: async ({ name, ...input }: ProviderInput) =>
        (await put<ProviderSaved>(providerPath(name), input)).data.data,
      remove: (name: string) => del(providerPath(name)),
      test: async (name: string) => (await post<ConnectionTested>(`${providerPath(name)}/test`, {})).data.data,
      checkDomain: async (name: string) =>
        (await post<DomainChecked>(`${providerPath(name)}/domain-check`, {})).data.data,
    }),
    [post, put, del],
  );
}
