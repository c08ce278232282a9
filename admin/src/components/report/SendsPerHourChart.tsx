import { Typography } from '@strapi/design-system';
import type { Report } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { HourlyBars } from './HourlyBars';

/** Messages accepted per hour, as bars; hours without sends in between are shown empty. */
export const SendsPerHourChart = ({ timeline }: { timeline: Report['timeline'] }) => {
  const t = useT();
  if (timeline.length === 0) {
    return <Typography textColor="neutral600">{t('report.noSends', 'Nothing has been sent yet.')}</Typography>;
  }
  return (
    <HourlyBars
      buckets={timeline.map(({ hour, sent }) => ({ hour, values: [sent] }))}
      series={[{ key: 'sent', label: t('report.sent', 'Sent'), color: '#4945ff' }]}
      label={t('report.chart', 'Sends per hour')}
      testId="sends-chart"
    />
  );
};
