import { Td, Tr, Typography } from '@strapi/design-system';
import type { Overview } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { CampaignLink } from '../campaign/CampaignLink';
import { DataTable } from '../DataTable';
import { SendProgress } from '../SendProgress';
import { StatusCell } from '../StatusBadge';

export const RecentCampaigns = ({ campaigns }: { campaigns: Overview['recentCampaigns'] }) => {
  const t = useT();
  if (campaigns.length === 0)
    return <Typography textColor="neutral600">{t('overview.noCampaigns', 'No campaign yet.')}</Typography>;
  return (
    <DataTable
      headers={[t('field.name', 'Name'), t('field.status', 'Status'), t('field.progress', 'Progress')]}
      rowCount={campaigns.length}
    >
      {campaigns.map((campaign) => (
        <Tr key={campaign.id}>
          <Td>
            <CampaignLink campaign={campaign} />
          </Td>
          <StatusCell status={campaign.status} />
          <Td>
            <SendProgress done={campaign.progress.done} total={campaign.progress.total} />
          </Td>
        </Tr>
      ))}
    </DataTable>
  );
};
