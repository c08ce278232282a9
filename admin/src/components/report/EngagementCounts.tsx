import { Box, Flex, Td, Tr, Typography } from '@strapi/design-system';
import type { EngagementCount, EngagementReport } from '../../../../server/src/contracts';
import { useFormatCount, useFormatRate } from '../../utils/rates';
import { useT } from '../../utils/useT';
import { DataTable, TextCell } from '../DataTable';

const Rate = ({ label, value, testId }: { label: string; value: string; testId: string }) => (
  <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius minWidth="150px">
    <Typography variant="pi" textColor="neutral600">
      {label}
    </Typography>
    <Typography variant="beta" tag="p" data-testid={testId}>
      {value}
    </Typography>
  </Box>
);

/**
 * Opens and clicks, people's unique and total and machines' apart, then the rates over messages
 * sent (docs/architecture.md, "Engagement").
 */
export const EngagementCounts = ({ report }: { report: EngagementReport }) => {
  const t = useT();
  const rate = useFormatRate();
  const count = useFormatCount();
  const rows: Array<[string, string, EngagementCount]> = [
    ['opens', t('engagement.opens', 'Opens'), report.opens],
    ['clicks', t('engagement.clicks', 'Clicks'), report.clicks],
  ];
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={3} wrap="wrap">
        <Rate label={t('engagement.openRate', 'Open rate')} value={rate(report.openRate)} testId="open-rate" />
        <Rate label={t('engagement.clickRate', 'Click rate')} value={rate(report.clickRate)} testId="click-rate" />
        <Rate
          label={t('engagement.clickToOpen', 'Click-to-open rate')}
          value={rate(report.clickToOpenRate)}
          testId="click-to-open-rate"
        />
        <Rate label={t('engagement.sent', 'Messages sent')} value={count(report.sent)} testId="engagement-sent" />
      </Flex>
      <DataTable
        headers={[
          t('engagement.measure', 'Measure'),
          t('engagement.uniquePeople', 'Unique people'),
          t('engagement.totalPeople', 'Total by people'),
          t('engagement.machine', 'Machine (privacy proxies, link scanners)'),
        ]}
        rowCount={rows.length}
        data-testid="engagement-counts"
      >
        {rows.map(([key, label, figures]) => (
          <Tr key={key} data-testid={`engagement-${key}`}>
            <Td>
              <Typography fontWeight="bold">{label}</Typography>
            </Td>
            <TextCell>{count(figures.unique)}</TextCell>
            <TextCell>{count(figures.total)}</TextCell>
            <TextCell textColor="neutral600">{count(figures.machine)}</TextCell>
          </Tr>
        ))}
      </DataTable>
    </Flex>
  );
};
