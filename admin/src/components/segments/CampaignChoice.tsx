import { SingleSelect, SingleSelectOption } from '@strapi/design-system';
import type { SegmentCondition } from '../../../../server/src/contracts';
import { useSentCampaigns } from '../../api/campaigns';
import { useT } from '../../utils/useT';

const ANY = 'any';

interface CampaignChoiceProps {
  value: SegmentCondition['value'];
  onChange: (value: SegmentCondition['value']) => void;
}

/** An engagement condition's campaign: any campaign (null), or one of the sent ones. */
export const CampaignChoice = ({ value, onChange }: CampaignChoiceProps) => {
  const t = useT();
  const campaigns = useSentCampaigns().data ?? [];
  const chosen = typeof value === 'number' ? value : null;
  // A campaign older than the ones listed still shows, by its id.
  const unlisted = chosen !== null && !campaigns.some((campaign) => campaign.id === chosen);
  return (
    <SingleSelect
      aria-label={t('segments.campaign', 'Campaign')}
      size="S"
      value={chosen === null ? ANY : String(chosen)}
      onChange={(next) => onChange(next === ANY ? null : Number(next))}
    >
      <SingleSelectOption value={ANY}>{t('segments.anyCampaign', 'any campaign')}</SingleSelectOption>
      {unlisted ? (
        <SingleSelectOption value={String(chosen)}>
          {t('segments.campaignById', 'campaign #{id}', { id: chosen })}
        </SingleSelectOption>
      ) : null}
      {campaigns.map((campaign) => (
        <SingleSelectOption key={campaign.id} value={String(campaign.id)}>
          {campaign.name}
        </SingleSelectOption>
      ))}
    </SingleSelect>
  );
};
