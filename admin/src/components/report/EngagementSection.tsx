import { Box, Flex, Loader, Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';
import type { EngagementReport } from '../../../../server/src/contracts';
import { useEngagement } from '../../api/engagement';
import { useT } from '../../utils/useT';
import { AbResultPanel } from './AbResultPanel';
import { EngagementChart } from './EngagementChart';
import { EngagementCounts } from './EngagementCounts';
import { LinkClicksTable } from './LinkClicksTable';

const Part = ({ title, children }: { title: string; children: ReactNode }) => (
  <Flex direction="column" alignItems="stretch" gap={3}>
    <Typography variant="delta" tag="h3">
      {title}
    </Typography>
    {children}
  </Flex>
);

/** Why there are no figures, and how to get them: the site's switch, or the campaign's. */
const TrackingOff = ({ report }: { report: EngagementReport }) => {
  const t = useT();
  return (
    <Box background="neutral100" padding={4} hasRadius data-testid="tracking-off">
      <Typography>
        {report.tracking.mode === 'off'
          ? t(
              'engagement.offCampaign',
              'This campaign does not track opens and clicks. To measure them, choose “People” or “Aggregate only” under Tracking in the settings of a campaign before it is sent.',
            )
          : t(
              'engagement.offSite',
              'This site does not track opens and clicks. To turn tracking on, set tracking.enabled to true in the plugin’s configuration (config/plugins) and restart Strapi.',
            )}
      </Typography>
    </Box>
  );
};

const hasFigures = (report: EngagementReport) =>
  report.opens.total + report.opens.machine + report.clicks.total + report.clicks.machine > 0;

/**
 * The report's Engagement section (docs/admin.md, "Campaign report"): opens and clicks of people and
 * machines, rates, the links, the hours and the A/B test.
 */
export const EngagementSection = ({ campaignId }: { campaignId: number }) => {
  const t = useT();
  const engagement = useEngagement(campaignId);
  if (engagement.error) {
    return (
      <Typography textColor="danger600">
        {t('engagement.loadError', 'The engagement figures could not be loaded.')}
      </Typography>
    );
  }
  if (!engagement.data) return <Loader small>{t('engagement.loading', 'Loading engagement…')}</Loader>;
  const report = engagement.data;
  const mode = report.tracking.effectiveMode;
  const seconds = report.bufferSeconds;
  return (
    <Flex direction="column" alignItems="stretch" gap={6} data-testid="engagement">
      {mode === 'off' ? <TrackingOff report={report} /> : null}
      {mode === 'aggregate' ? (
        <Typography textColor="neutral600" data-testid="aggregate-note">
          {t(
            'engagement.aggregateNote',
            'Aggregate only: no event names anybody, so unique people (and the rates built on them) are unknown and shown “—”.',
          )}
        </Typography>
      ) : null}
      {mode !== 'off' || hasFigures(report) ? (
        <>
          <EngagementCounts report={report} />
          <Typography variant="pi" textColor="neutral600" data-testid="buffer-note">
            {t('engagement.buffer', 'Hits are written every {seconds} s; a crash may lose the last {seconds} s.', {
              seconds,
            })}
          </Typography>
          <Part title={t('engagement.links', 'Clicks per link')}>
            <LinkClicksTable links={report.links} />
          </Part>
          <Part title={t('engagement.chart', 'Opens and clicks per hour')}>
            <EngagementChart timeline={report.timeline} />
          </Part>
        </>
      ) : null}
      {report.ab ? (
        <Part title={t('engagement.ab', 'A/B subject test')}>
          <AbResultPanel ab={report.ab} />
        </Part>
      ) : null}
    </Flex>
  );
};
