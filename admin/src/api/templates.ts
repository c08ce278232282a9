import { useFetchClient } from '@strapi/strapi/admin';
import { useMemo } from 'react';
import type { CampaignTemplate, ComposerSettings, TemplateInput, TemplateSaved } from '../../../server/src/contracts';
import { api } from './paths';
import { useResource } from './useResource';

/** The starters, then the saved templates, each with its thumbnail HTML. */
export const useTemplates = () => useResource<CampaignTemplate[]>(api('/templates'));

export const useComposerSettings = () => useResource<ComposerSettings>(api('/composer'));

export function useTemplateActions() {
  const { post, del } = useFetchClient();
  return useMemo(
    () => ({
      save: async (input: TemplateInput) => (await post<TemplateSaved>(api('/templates'), input)).data,
      remove: (id: number) => del(api(`/templates/${id}`)),
    }),
    [post, del],
  );
}
