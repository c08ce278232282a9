import { useFetchClient } from '@strapi/strapi/admin';
import { useCallback } from 'react';
import type { ApiResponse, Audience, Overview, ProviderResumed, ProviderView } from '../../../server/src/contracts';
import { api } from './paths';
import { queryString, useResource } from './useResource';

export const useOverview = () => useResource<Overview>(api('/overview'), { pollMs: 10_000 });

/** Lists with their subscribed members, the distinct audience of `listIds` and `segmentIds`, and its ETA. */
export const useAudience = (listIds: number[], provider?: string | null, segmentIds: number[] = []) =>
  useResource<Audience>(
    api(`/audience${queryString({ lists: listIds.join(','), segments: segmentIds.join(','), provider })}`),
  );

export const useProviders = () => useResource<ProviderView[]>(api('/providers'));

/** Lifts a provider's pause (the reputation breaker's lasts until this). */
export function useResumeProvider() {
  const { post } = useFetchClient();
  return useCallback(
    async (name: string) =>
      (await post<ApiResponse<ProviderResumed>>(api(`/providers/${encodeURIComponent(name)}/resume`), {})).data,
    [post],
  );
}
