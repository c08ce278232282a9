import { useCallback, useEffect, useState } from 'react';
import type { CampaignDraft } from '../api/campaigns';
import type { Campaign } from '../../../server/src/contracts';
import { STARTER_MJML } from '../utils/starterTemplate';

const EMPTY: CampaignDraft = {
  name: '',
  subject: '',
  preheader: '',
  fromName: '',
  fromEmail: '',
  replyTo: '',
  mjml: STARTER_MJML,
  entries: [],
  lists: [],
  segments: [],
  provider: null,
  defaultLocale: null,
  versions: [],
  attachments: [],
  tracking: { mode: 'off', opens: true, clicks: true },
  public: false,
  abTest: null,
};

function fromCampaign(campaign: Campaign): CampaignDraft {
  return {
    name: campaign.name,
    subject: campaign.subject ?? '',
    preheader: campaign.preheader ?? '',
    fromName: campaign.fromName ?? '',
    fromEmail: campaign.fromEmail ?? '',
    replyTo: campaign.replyTo ?? '',
    mjml: campaign.mjml ?? '',
    entries: campaign.entries ?? [],
    lists: campaign.lists.map((list) => list.id),
    segments: (campaign.segments ?? []).map((segment) => segment.id),
    provider: campaign.provider,
    defaultLocale: campaign.defaultLocale ?? null,
    // The compiled HTML of each version is the server's: the admin never sends it back.
    versions: (campaign.versions ?? []).map(({ html: _compiled, ...version }) => version),
    attachments: campaign.attachments ?? [],
    tracking: campaign.tracking ?? EMPTY.tracking,
    public: campaign.public ?? false,
    abTest: campaign.abTest
      ? {
          subjects: campaign.abTest.subjects,
          samplePercent: campaign.abTest.samplePercent,
          waitHours: campaign.abTest.waitHours,
          metric: campaign.abTest.metric,
        }
      : null,
  };
}

/** What the API takes: blank optional fields become null (the server validates emails strictly). */
export function toPayload(draft: CampaignDraft): CampaignDraft {
  const blankToNull = (value: string | null) => (value && value.trim() ? value.trim() : null);
  return {
    ...draft,
    subject: blankToNull(draft.subject),
    preheader: blankToNull(draft.preheader),
    fromName: blankToNull(draft.fromName),
    fromEmail: blankToNull(draft.fromEmail),
    replyTo: blankToNull(draft.replyTo),
    provider: blankToNull(draft.provider),
  };
}

/** The editor's working copy of a campaign and whether it differs from the saved one. */
export function useCampaignDraft(campaign: Campaign | undefined) {
  const [draft, setDraft] = useState<CampaignDraft>(EMPTY);
  const [saved, setSaved] = useState<CampaignDraft>(EMPTY);

  useEffect(() => {
    if (!campaign) return;
    const loaded = fromCampaign(campaign);
    setDraft(loaded);
    setSaved(loaded);
  }, [campaign]);

  const change = useCallback(
    <K extends keyof CampaignDraft>(field: K, value: CampaignDraft[K]) =>
      setDraft((current) => ({ ...current, [field]: value })),
    [],
  );

  return { draft, setDraft, change, isDirty: JSON.stringify(draft) !== JSON.stringify(saved) };
}
