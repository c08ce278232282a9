import { Link, Td, Tr, Typography } from '@strapi/design-system';
import { Link as RouterLink } from 'react-router-dom';
import type { Overview } from '../../../../server/src/contracts';
import { ROUTES } from '../../utils/routes';
import { useT } from '../../utils/useT';
import { DataTable } from '../DataTable';
import { SendProgress } from '../SendProgress';
import { StatusBadge } from '../StatusBadge';

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
            <Link tag={RouterLink} to={ROUTES.campaign(campaign.id)}>
              {campaign.name}
            </Link>
          </Td>
          <Td>
            <StatusBadge status={campaign.status} />
          </Td>
          <Td>
            <SendProgress done={campaign.progress.done} total={campaign.progress.total} />
          </Td>
        </Tr>
      ))}
    </DataTable>
  );
};
