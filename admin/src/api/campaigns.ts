import { useFetchClient } from '@strapi/strapi/admin';
import { useMemo } from 'react';
import { api } from './paths';
import type {
  Campaign,
  CampaignStatus,
  CampaignSummary,
  CompileError,
  Delivery,
  DeliveryStatus,
  Preview,
  Report,
} from './types';
import { queryString, useResource } from './useResource';

const CAMPAIGN_POLL_MS = 2_000;

const ON_ITS_WAY: CampaignStatus[] = ['scheduled', 'sending'];
export const isOnItsWay = (status: CampaignStatus | undefined) => Boolean(status && ON_ITS_WAY.includes(status));

/** Polls while a listed campaign is on its way, so progress moves without a reload. */
export const useCampaigns = (query: { page: number; search?: string; status?: CampaignStatus | '' }) =>
  useResource<CampaignSummary[]>(api(`/campaigns${queryString({ ...query, pageSize: 20 })}`), {
    pollMs: CAMPAIGN_POLL_MS,
    pollWhile: (campaigns) => Boolean(campaigns?.some((campaign) => isOnItsWay(campaign.status))),
  });

export const useCampaign = (id: number | null) => useResource<Campaign>(id ? api(`/campaigns/${id}`) : null);

export const useReport = (id: number) =>
  useResource<Report>(api(`/campaigns/${id}/report`), {
    pollMs: CAMPAIGN_POLL_MS,
    pollWhile: (report) => isOnItsWay(report?.status),
  });

export const useDeliveries = (id: number, query: { page: number; status?: DeliveryStatus | '' }, poll: boolean) =>
  useResource<Delivery[]>(api(`/campaigns/${id}/deliveries${queryString({ ...query, pageSize: 20 })}`), {
    pollMs: CAMPAIGN_POLL_MS,
    pollWhile: () => poll,
  });

/** The fields the editor writes; the API refuses any other. */
export interface CampaignDraft {
  name: string;
  subject: string | null;
  preheader: string | null;
  fromName: string | null;
  fromEmail: string | null;
  replyTo: string | null;
  mjml: string | null;
  entries: Campaign['entries'];
  lists: number[];
  provider: string | null;
}

type Saved = { data: Campaign; meta: { errors: CompileError[] } };

/** Every campaign write and control; each returns the campaign as the server now has it. */
export function useCampaignActions() {
  const { post, put, del } = useFetchClient();
  return useMemo(() => {
    const control = async (id: number, action: string, body: object = {}) =>
      (await post<{ data: Campaign; meta?: Record<string, number> }>(api(`/campaigns/${id}/${action}`), body)).data;
    return {
      create: async (draft: CampaignDraft) => (await post<Saved>(api('/campaigns'), draft)).data,
      update: async (id: number, draft: Partial<CampaignDraft>) =>
        (await put<Saved>(api(`/campaigns/${id}`), draft)).data,
      remove: (id: number) => del(api(`/campaigns/${id}`)),
      duplicate: async (id: number) => (await post<Saved>(api(`/campaigns/${id}/duplicate`), {})).data,
      preview: async (
        id: number | null,
        content: Pick<CampaignDraft, 'name' | 'subject' | 'preheader' | 'mjml' | 'entries'>,
      ) =>
        (await post<{ data: Preview }>(api(id ? `/campaigns/${id}/preview` : '/campaigns/preview'), content)).data.data,
      schedule: (id: number, scheduledAt: string, timezone: string) =>
        control(id, 'schedule', { scheduledAt, timezone }),
      sendNow: (id: number) => control(id, 'send'),
      pause: (id: number) => control(id, 'pause'),
      resume: (id: number) => control(id, 'resume'),
      cancel: (id: number) => control(id, 'cancel'),
      resend: (id: number, statuses: Array<'failed' | 'unknown'>) => control(id, 'resend', { statuses }),
      test: (id: number, emails: string[]) => control(id, 'test', { emails }),
    };
  }, [post, put, del]);
}

export type CampaignActions = ReturnType<typeof useCampaignActions>;
