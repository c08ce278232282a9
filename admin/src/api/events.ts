import { useFetchClient } from '@strapi/strapi/admin';
import { useMemo } from 'react';
import type {
  EventSettings,
  EventSettingsResponse,
  EventWebhookInput,
  EventWebhookSaved,
  PluginEventName,
} from '../../../server/src/contracts';
import { api } from './paths';
import { useResource } from './useResource';

export const useEventSettings = () => useResource<EventSettings>(api('/settings/events'));

export function useEventActions() {
  const { post, put } = useFetchClient();
  return useMemo(
    () => ({
      includeAddress: async (includeAddress: boolean) =>
        (await put<EventSettingsResponse>(api('/settings/events'), { includeAddress })).data.data,
      createWebhook: async (input: EventWebhookInput) =>
        (await post<EventWebhookSaved>(api('/settings/events/webhooks'), input)).data.data,
      attach: async (id: string, events: PluginEventName[]) =>
        (await put<EventWebhookSaved>(api(`/settings/events/webhooks/${encodeURIComponent(id)}`), { events })).data
          .data,
    }),
    [post, put],
  );
}
