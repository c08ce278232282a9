import { Flex, Link, Td, Tr, Typography } from '@strapi/design-system';
import { Link as RouterLink } from 'react-router-dom';
import type { CampaignListItem } from '../../../../server/src/contracts';
import { useFormatRate } from '../../utils/rates';
import { ROUTES } from '../../utils/routes';
import { useT } from '../../utils/useT';
import { DataTable, TextCell } from '../DataTable';
import { SendProgress } from '../SendProgress';
import { StatusBadge } from '../StatusBadge';
import { CampaignControls } from './CampaignControls';
import { CampaignLink } from './CampaignLink';

const PENDING = ['queued', 'retry', 'sending', 'held'] as const;

export const CampaignsTable = ({ campaigns, onChange }: { campaigns: CampaignListItem[]; onChange: () => void }) => {
  const t = useT();
  const rate = useFormatRate();
  const headers = [
    t('field.name', 'Name'),
    t('field.status', 'Status'),
    t('field.lists', 'Lists'),
    t('field.progress', 'Progress'),
    t('field.counts', 'Sent / failed / bounced / unknown'),
    t('engagement.openRate', 'Open rate'),
    t('engagement.clickRate', 'Click rate'),
    t('field.actions', 'Actions'),
  ];
  return (
    <DataTable headers={headers} rowCount={campaigns.length}>
      {campaigns.map((campaign) => {
        const counts = campaign.counts;
        const pending = counts ? PENDING.reduce((sum, status) => sum + counts[status], 0) : 0;
        return (
          <Tr key={campaign.id} data-testid={`campaign-row-${campaign.id}`}>
            <Td>
              <CampaignLink campaign={campaign} />
            </Td>
            <Td>
              <Flex direction="column" alignItems="start" gap={1}>
                <StatusBadge status={campaign.status} />
                {campaign.status === 'paused' && campaign.pauseReason ? (
                  <Typography variant="pi" textColor="warning700" data-testid={`pause-reason-${campaign.id}`}>
                    {campaign.pauseReason}
                  </Typography>
                ) : null}
              </Flex>
            </Td>
            <TextCell>{campaign.lists.map((list) => list.name).join(', ')}</TextCell>
            <Td>
              {counts && counts.total > 0 ? <SendProgress done={counts.total - pending} total={counts.total} /> : '—'}
            </Td>
            <TextCell variant="pi">
              {counts ? `${counts.sent} / ${counts.failed} / ${counts.bounced} / ${counts.unknown}` : '—'}
            </TextCell>
            <TextCell data-testid={`open-rate-${campaign.id}`}>{rate(campaign.engagement?.openRate ?? null)}</TextCell>
            <TextCell data-testid={`click-rate-${campaign.id}`}>
              {rate(campaign.engagement?.clickRate ?? null)}
            </TextCell>
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
    </DataTable>
  );
};
