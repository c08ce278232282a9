import { Typography } from '@strapi/design-system';
import type { EngagementBucket } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { HourlyBars } from './HourlyBars';

/** People's opens and clicks per hour, side by side, drawn as the sends per hour are. */
export const EngagementChart = ({ timeline }: { timeline: EngagementBucket[] }) => {
  const t = useT();
  if (timeline.length === 0) {
    return (
      <Typography textColor="neutral600">{t('engagement.noHits', 'Nobody has opened or clicked yet.')}</Typography>
    );
  }
  return (
    <HourlyBars
      buckets={timeline.map(({ hour, opens, clicks }) => ({ hour, values: [opens, clicks] }))}
      series={[
        { key: 'opens', label: t('engagement.opens', 'Opens'), color: '#4945ff' },
        { key: 'clicks', label: t('engagement.clicks', 'Clicks'), color: '#ee5e52' },
      ]}
      label={t('engagement.chart', 'Opens and clicks per hour')}
      testId="engagement-chart"
    />
  );
};
