import { Flex, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Link as RouterLink } from 'react-router-dom';
import type { CampaignListItem } from '../../../../server/src/contracts';
import { ROUTES } from '../../utils/routes';
import { useT } from '../../utils/useT';
import { SendProgress } from '../SendProgress';
import { StatusBadge } from '../StatusBadge';
import { CampaignControls } from './CampaignControls';

const PENDING = ['queued', 'retry', 'sending'] as const;

export const CampaignsTable = ({ campaigns, onChange }: { campaigns: CampaignListItem[]; onChange: () => void }) => {
  const t = useT();
  return (
    <Table colCount={6} rowCount={campaigns.length + 1}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">{t('field.name', 'Name')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('field.status', 'Status')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('field.lists', 'Lists')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('field.progress', 'Progress')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('field.counts', 'Sent / failed / bounced / unknown')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('field.actions', 'Actions')}</Typography>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {campaigns.map((campaign) => {
          const counts = campaign.counts;
          const pending = counts ? PENDING.reduce((sum, status) => sum + counts[status], 0) : 0;
          return (
            <Tr key={campaign.id} data-testid={`campaign-row-${campaign.id}`}>
              <Td>
                <Link tag={RouterLink} to={ROUTES.campaign(campaign.id)}>
                  {campaign.name}
                </Link>
              </Td>
              <Td>
                <StatusBadge status={campaign.status} />
              </Td>
              <Td>
                <Typography>{campaign.lists.map((list) => list.name).join(', ')}</Typography>
              </Td>
              <Td>
                {counts && counts.total > 0 ? <SendProgress done={counts.total - pending} total={counts.total} /> : '—'}
              </Td>
              <Td>
                <Typography variant="pi">
                  {counts ? `${counts.sent} / ${counts.failed} / ${counts.bounced} / ${counts.unknown}` : '—'}
                </Typography>
              </Td>
              <Td>
                <Flex gap={2}>
                  {campaign.status !== 'draft' && (
                    <Link tag={RouterLink} to={ROUTES.report(campaign.id)}>
                      {t('campaigns.report', 'Report')}
                    </Link>
                  )}
                  <CampaignControls campaign={campaign} onChange={onChange} />
                </Flex>
              </Td>
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
};
