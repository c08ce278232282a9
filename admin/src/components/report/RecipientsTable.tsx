import { Box, Flex, Tr } from '@strapi/design-system';
import type { DeliveryStatus } from '../../../../server/src/contracts';
import { useDeliveries } from '../../api/campaigns';
import { useListFilters } from '../../hooks/useListFilters';
import { useT } from '../../utils/useT';
import { DataTable, TextCell } from '../DataTable';
import { ListPagination } from '../ListPagination';
import { StatusCell } from '../StatusBadge';
import { StatusFilter } from '../StatusFilter';

const STATUSES: DeliveryStatus[] = [
  'queued',
  'held',
  'sending',
  'sent',
  'retry',
  'failed',
  'bounced',
  'unknown',
  'skipped',
];

/** The campaign's recipients and the state of their message, a page at a time. */
export const RecipientsTable = ({ campaignId, live }: { campaignId: number; live: boolean }) => {
  const t = useT();
  const filters = useListFilters<DeliveryStatus>();
  const deliveries = useDeliveries(campaignId, filters.query, live);
  const headers = [
    t('field.email', 'Email'),
    t('field.status', 'Status'),
    t('report.attempts', 'Attempts'),
    t('report.sentAt', 'Sent at'),
    t('report.lastError', 'Last error'),
  ];
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="recipients">
      <Box width="240px">
        <StatusFilter
          label={t('field.status', 'Status')}
          statuses={STATUSES}
          value={filters.status}
          onChange={filters.setStatus}
        />
      </Box>
      <DataTable headers={headers} rowCount={deliveries.data?.length ?? 0}>
        {(deliveries.data ?? []).map((delivery) => (
          <Tr key={delivery.id}>
            <TextCell>{delivery.email}</TextCell>
            <StatusCell status={delivery.status} />
            <TextCell>{delivery.attempts}</TextCell>
            <TextCell>{delivery.sentAt ? new Date(delivery.sentAt).toLocaleString() : '—'}</TextCell>
            <TextCell variant="pi">
              {delivery.status === 'sent' ? '' : [delivery.lastCode, delivery.lastError].filter(Boolean).join(' ')}
            </TextCell>
          </Tr>
        ))}
      </DataTable>
      <ListPagination pagination={deliveries.pagination} onPage={filters.setPage} />
    </Flex>
  );
};
