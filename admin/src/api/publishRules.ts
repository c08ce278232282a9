import { useFetchClient } from '@strapi/strapi/admin';
import { useMemo } from 'react';
import type {
  DigestPreview,
  PublishRule,
  PublishRuleHistory,
  PublishRuleInput,
  PublishRuleResponse,
} from '../../../server/src/contracts';
import { api } from './paths';
import { useResource } from './useResource';

const rulePath = (id: number, action = '') => api(`/publish-rules/${id}${action}`);

export const usePublishRules = () => useResource<PublishRule[]>(api('/publish-rules'));

/** What a rule recorded and made; polled while the modal is open, since the tick acts on its own. */
export const usePublishRuleHistory = (id: number | null) =>
  useResource<PublishRuleHistory>(id ? rulePath(id, '/history') : null, { pollMs: 5_000 });

export const useDigestPreview = (id: number | null) => useResource<DigestPreview>(id ? rulePath(id, '/preview') : null);

/** Create, edit, pause and resume; each resolves with the rule as it now is. */
export function usePublishRuleActions() {
  const { post, put } = useFetchClient();
  return useMemo(
    () => ({
      create: async (input: PublishRuleInput) =>
        (await post<PublishRuleResponse>(api('/publish-rules'), input)).data.data,
      update: async (id: number, input: PublishRuleInput) =>
        (await put<PublishRuleResponse>(rulePath(id), input)).data.data,
      pause: async (id: number) => (await post<PublishRuleResponse>(rulePath(id, '/pause'), {})).data.data,
      resume: async (id: number) => (await post<PublishRuleResponse>(rulePath(id, '/resume'), {})).data.data,
    }),
    [post, put],
  );
}
