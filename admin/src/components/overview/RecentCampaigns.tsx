import { Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Link as RouterLink } from 'react-router-dom';
import type { Overview } from '../../../../server/src/contracts';
import { ROUTES } from '../../utils/routes';
import { useT } from '../../utils/useT';
import { SendProgress } from '../SendProgress';
import { StatusBadge } from '../StatusBadge';

export const RecentCampaigns = ({ campaigns }: { campaigns: Overview['recentCampaigns'] }) => {
  const t = useT();
  if (campaigns.length === 0)
    return <Typography textColor="neutral600">{t('overview.noCampaigns', 'No campaign yet.')}</Typography>;
  return (
    <Table colCount={3} rowCount={campaigns.length + 1}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">{t('field.name', 'Name')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('field.status', 'Status')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('field.progress', 'Progress')}</Typography>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
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
      </Tbody>
    </Table>
  );
};
