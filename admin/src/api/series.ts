import { useFetchClient } from '@strapi/strapi/admin';
import { useMemo } from 'react';
import type { Series, SeriesInput, SeriesResponse } from '../../../server/src/contracts';
import { api } from './paths';
import { useResource } from './useResource';

/** Enrollments and step counts move as the tick sends: refresh now and then. */
const SERIES_POLL_MS = 5_000;

export const useSeriesList = () => useResource<Series[]>(api('/series'), { pollMs: SERIES_POLL_MS });

/** Series writes; each answers with the series as it now is. */
export function useSeriesActions() {
  const { post, put, del } = useFetchClient();
  return useMemo(
    () => ({
      create: async (input: SeriesInput) => (await post<SeriesResponse>(api('/series'), input)).data.data,
      update: async (id: number, input: SeriesInput) =>
        (await put<SeriesResponse>(api(`/series/${id}`), input)).data.data,
      remove: (id: number) => del(api(`/series/${id}`)),
      pause: async (id: number) => (await post<SeriesResponse>(api(`/series/${id}/pause`), {})).data.data,
      resume: async (id: number) => (await post<SeriesResponse>(api(`/series/${id}/resume`), {})).data.data,
    }),
    [post, put, del],
  );
}
