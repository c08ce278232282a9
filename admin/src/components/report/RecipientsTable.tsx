import { Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useState } from 'react';
import { useDeliveries } from '../../api/campaigns';
import type { DeliveryStatus } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { ListPagination } from '../ListPagination';
import { StatusBadge } from '../StatusBadge';
import { StatusFilter } from '../StatusFilter';

const STATUSES: DeliveryStatus[] = ['queued', 'sending', 'sent', 'retry', 'failed', 'bounced', 'unknown', 'skipped'];

/** The campaign's recipients and the state of their message, a page at a time. */
export const RecipientsTable = ({ campaignId, live }: { campaignId: number; live: boolean }) => {
  const t = useT();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const deliveries = useDeliveries(campaignId, { page, status: status || undefined }, live);
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="recipients">
      <Box width="240px">
        <StatusFilter
          label={t('field.status', 'Status')}
          statuses={STATUSES}
          value={status}
          onChange={(next) => {
            setStatus(next);
            setPage(1);
          }}
        />
      </Box>
      <Table colCount={5} rowCount={(deliveries.data?.length ?? 0) + 1}>
        <Thead>
          <Tr>
            <Th>
              <Typography variant="sigma">{t('field.email', 'Email')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('field.status', 'Status')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('report.attempts', 'Attempts')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('report.sentAt', 'Sent at')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('report.lastError', 'Last error')}</Typography>
            </Th>
          </Tr>
        </Thead>
        <Tbody>
          {(deliveries.data ?? []).map((delivery) => (
            <Tr key={delivery.id}>
              <Td>
                <Typography>{delivery.email}</Typography>
              </Td>
              <Td>
                <StatusBadge status={delivery.status} />
              </Td>
              <Td>
                <Typography>{delivery.attempts}</Typography>
              </Td>
              <Td>
                <Typography>{delivery.sentAt ? new Date(delivery.sentAt).toLocaleString() : '—'}</Typography>
              </Td>
              <Td>
                <Typography variant="pi">
                  {delivery.status === 'sent' ? '' : [delivery.lastCode, delivery.lastError].filter(Boolean).join(' ')}
                </Typography>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      <ListPagination pagination={deliveries.pagination} onPage={setPage} />
    </Flex>
  );
};
