import { Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { CampaignFeedback } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';

/** Hard and soft bounces and spam complaints of a campaign, each with its share of the messages sent. */
export const ReportFeedback = ({ feedback }: { feedback: CampaignFeedback }) => {
  const t = useT();
  const { formatNumber } = useIntl();
  const figures = [
    {
      id: 'hard',
      label: t('report.hardBounces', 'Hard bounces'),
      count: feedback.hardBounces,
      rate: feedback.hardBounceRate,
    },
    {
      id: 'soft',
      label: t('report.softBounces', 'Soft bounces'),
      count: feedback.softBounces,
      rate: feedback.softBounceRate,
    },
    {
      id: 'complaints',
      label: t('report.complaints', 'Spam complaints'),
      count: feedback.complaints,
      rate: feedback.complaintRate,
    },
  ];
  return (
    <Flex gap={3} wrap="wrap">
      {figures.map(({ id, label, count, rate }) => (
        <Box key={id} background="neutral0" padding={4} shadow="tableShadow" hasRadius minWidth="140px">
          <Typography variant="pi" textColor="neutral600">
            {label}
          </Typography>
          <Typography variant="beta" tag="p" data-testid={`feedback-${id}`}>
            {count}
          </Typography>
          <Typography variant="pi" textColor="neutral600" data-testid={`feedback-${id}-rate`}>
            {rate === null
              ? '—'
              : t('report.ofSent', '{rate} of {sends} sent', {
                  rate: formatNumber(rate, { style: 'percent', maximumFractionDigits: 2 }),
                  sends: feedback.sends,
                })}
          </Typography>
        </Box>
      ))}
    </Flex>
  );
};
