import { useFetchClient } from '@strapi/strapi/admin';
import { useMemo } from 'react';
import { api } from './paths';
import type { Limits, ProviderView, Settings } from './types';
import { useResource } from './useResource';

export const useSettings = () => useResource<Settings>(api('/settings'));

/** What the provider form sends; a blank password or DKIM key keeps the saved one. */
export interface ProviderInput {
  name: string;
  preset: string;
  host: string | null;
  port: number | null;
  secure: boolean | null;
  user: string | null;
  password: string | null;
  from: string | null;
  replyTo: string | null;
  maxConnections: number | null;
  limits: Limits;
  dkim: { domainName: string; keySelector: string; privateKey: string | null } | null;
}

export function useProviderActions() {
  const { post, put, del } = useFetchClient();
  return useMemo(
    () => ({
      create: async (input: ProviderInput) =>
        (await post<{ data: ProviderView }>(api('/settings/providers'), input)).data.data,
      update: async ({ name, ...input }: ProviderInput) =>
        (await put<{ data: ProviderView }>(api(`/settings/providers/${encodeURIComponent(name)}`), input)).data.data,
      remove: (name: string) => del(api(`/settings/providers/${encodeURIComponent(name)}`)),
      test: async (name: string) =>
        (
          await post<{ data: { ok: boolean; message: string } }>(
            api(`/settings/providers/${encodeURIComponent(name)}/test`),
            {},
          )
        ).data.data,
    }),
    [post, put, del],
  );
}
