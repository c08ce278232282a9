import { useFetchClient } from '@strapi/strapi/admin';
import { useMemo } from 'react';
import type {
  BulkActionInput,
  BulkActionResult,
  Segment,
  SegmentCount,
  SegmentGroup,
  SegmentInput,
  SegmentResponse,
} from '../../../server/src/contracts';
import { api } from './paths';
import { useResource } from './useResource';

export const useSegments = () => useResource<Segment[]>(api('/segments'));

/** Segment writes, counts and the bulk actions on subscribers (a segment's, unsaved rules' or chosen ones). */
export function useSegmentActions() {
  const { get, post, put, del } = useFetchClient();
  return useMemo(
    () => ({
      create: async (input: SegmentInput) => (await post<SegmentResponse>(api('/segments'), input)).data.data,
      update: async (id: number, input: SegmentInput) =>
        (await put<SegmentResponse>(api(`/segments/${id}`), input)).data.data,
      remove: (id: number) => del(api(`/segments/${id}`)),
      /** People the unsaved rules select; a 400 carries the server's reason. */
      countRules: async (rules: SegmentGroup, signal?: AbortSignal) =>
        (await post<{ data: SegmentCount }>(api('/segments/count'), { rules }, { signal })).data.data.count,
      countSaved: async (id: number) =>
        (await get<{ data: SegmentCount }>(api(`/segments/${id}/count`))).data.data.count,
      /** Without `confirm`: how many people it would touch. With it: done. */
      bulk: async (input: BulkActionInput) =>
        (await post<{ data: BulkActionResult }>(api('/subscribers/bulk'), input)).data.data,
    }),
    [get, post, put, del],
  );
}
