import { useFetchClient } from '@strapi/strapi/admin';
import { useMemo } from 'react';
import type {
  ApiResponse,
  Campaign,
  CampaignCancelled,
  CampaignControlled,
  CampaignInput,
  CampaignListItem,
  CampaignListQuery,
  CampaignResent,
  CampaignSaved,
  CampaignStatus,
  Delivery,
  DeliveriesQuery,
  Preview,
  PreviewInput,
  Report,
  ResendableStatus,
  TestSent,
} from '../../../server/src/contracts';
import { api } from './paths';
import { queryString, useResource } from './useResource';

const CAMPAIGN_POLL_MS = 2_000;
const PAGE_SIZE = 20;

const ON_ITS_WAY: CampaignStatus[] = ['scheduled', 'testing', 'sending'];
export const isOnItsWay = (status: CampaignStatus | undefined) => Boolean(status && ON_ITS_WAY.includes(status));

/** Polls while a listed campaign is on its way, so progress moves without a reload. */
export const useCampaigns = (query: CampaignListQuery) =>
  useResource<CampaignListItem[]>(api(`/campaigns${queryString({ ...query, pageSize: PAGE_SIZE })}`), {
    pollMs: CAMPAIGN_POLL_MS,
    pollWhile: (campaigns) => Boolean(campaigns?.some((campaign) => isOnItsWay(campaign.status))),
  });

export const useCampaign = (id: number | null) => useResource<Campaign>(id ? api(`/campaigns/${id}`) : null);

export const useReport = (id: number) =>
  useResource<Report>(api(`/campaigns/${id}/report`), {
    pollMs: CAMPAIGN_POLL_MS,
    pollWhile: (report) => isOnItsWay(report?.status),
  });

export const useDeliveries = (id: number, query: DeliveriesQuery, poll: boolean) =>
  useResource<Delivery[]>(api(`/campaigns/${id}/deliveries${queryString({ ...query, pageSize: PAGE_SIZE })}`), {
    pollMs: CAMPAIGN_POLL_MS,
    pollWhile: () => poll,
  });

/** The editor's working copy: every field the API lets it write, none left out. */
export type CampaignDraft = Required<CampaignInput>;

/** Every campaign write and control; each returns the server's answer with the campaign as it now is. */
export function useCampaignActions() {
  const { post, put, del } = useFetchClient();
  return useMemo(() => {
    const control = async <Answer extends { data: unknown }>(id: number, action: string, body = {}) =>
      (await post<Answer>(api(`/campaigns/${id}/${action}`), body)).data;
    return {
      create: async (draft: CampaignDraft) => (await post<CampaignSaved>(api('/campaigns'), draft)).data,
      update: async (id: number, draft: CampaignInput) =>
        (await put<CampaignSaved>(api(`/campaigns/${id}`), draft)).data,
      remove: (id: number) => del(api(`/campaigns/${id}`)),
      duplicate: (id: number) => control<CampaignSaved>(id, 'duplicate'),
      preview: async (id: number | null, content: PreviewInput) =>
        (await post<ApiResponse<Preview>>(api(id ? `/campaigns/${id}/preview` : '/campaigns/preview'), content)).data
          .data,
      schedule: (id: number, scheduledAt: string, timezone: string) =>
        control<CampaignControlled>(id, 'schedule', { scheduledAt, timezone }),
      sendNow: (id: number) => control<CampaignControlled>(id, 'send'),
      pause: (id: number) => control<CampaignControlled>(id, 'pause'),
      resume: (id: number) => control<CampaignControlled>(id, 'resume'),
      cancel: (id: number) => control<CampaignCancelled>(id, 'cancel'),
      resend: (id: number, statuses: ResendableStatus[]) => control<CampaignResent>(id, 'resend', { statuses }),
      test: (id: number, emails: string[]) => control<TestSent>(id, 'test', { emails }),
    };
  }, [post, put, del]);
}

export type CampaignActions = ReturnType<typeof useCampaignActions>;
