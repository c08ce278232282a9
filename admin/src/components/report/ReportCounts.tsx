import { Box, Flex, Typography } from '@strapi/design-system';
import type { DeliveryCounts, DeliveryStatus } from '../../../../server/src/contracts';
import { statusLabel } from '../../utils/statusLabels';
import { useT } from '../../utils/useT';

const SHOWN: DeliveryStatus[] = [
  'sent',
  'queued',
  'held',
  'sending',
  'retry',
  'failed',
  'bounced',
  'unknown',
  'skipped',
];

export const ReportCounts = ({ counts }: { counts: DeliveryCounts }) => {
  const t = useT();
  return (
    <Flex gap={3} wrap="wrap">
      {SHOWN.map((status) => (
        <Box key={status} background="neutral0" padding={4} shadow="tableShadow" hasRadius minWidth="110px">
          <Typography variant="pi" textColor="neutral600">
            {statusLabel(t, status)}
          </Typography>
          <Typography variant="beta" tag="p" data-testid={`count-${status}`}>
            {counts[status]}
          </Typography>
        </Box>
      ))}
    </Flex>
  );
};
