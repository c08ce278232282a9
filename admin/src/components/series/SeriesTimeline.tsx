import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { Link as RouterLink } from 'react-router-dom';
import type { SeriesStep } from '../../../../server/src/contracts';
import { ROUTES } from '../../utils/routes';
import { useT } from '../../utils/useT';
import { delayText } from './delays';

/** A series' steps in the order they go, each with its delay from enrollment, subject and report counts. */
export const SeriesTimeline = ({ steps }: { steps: SeriesStep[] }) => {
  const t = useT();
  const ordered = [...steps].sort((a, b) => a.position - b.position);
  return (
    <Flex tag="ol" direction="column" alignItems="stretch" gap={0} aria-label={t('series.timeline', 'Timeline')}>
      {ordered.map((step, index) => (
        <Flex tag="li" key={step.id} gap={3} alignItems="stretch" data-testid="series-step">
          {/* The rail: a dot per step, joined by a line to the next one. */}
          <Flex direction="column" alignItems="center" width="2.4rem">
            <Flex
              justifyContent="center"
              alignItems="center"
              width="2.4rem"
              height="2.4rem"
              hasRadius
              background="primary100"
              borderColor="primary200"
            >
              <Typography variant="pi" fontWeight="bold" textColor="primary700">
                {index + 1}
              </Typography>
            </Flex>
            {index < ordered.length - 1 ? (
              <Box background="neutral200" width="2px" grow={1} minHeight="1.6rem" />
            ) : null}
          </Flex>
          <Flex direction="column" alignItems="flex-start" gap={1} paddingBottom={4}>
            <Typography variant="pi" textColor="neutral600" data-testid="series-step-delay">
              {delayText(t, step.delayMinutes)}
            </Typography>
            <Typography fontWeight="bold" data-testid="series-step-subject">
              {step.subject}
            </Typography>
            <Typography variant="pi" textColor="neutral600" data-testid="series-step-counts">
              {t(
                'series.stepCounts',
                '{sent} sent · {queued} queued · {failed} failed · {bounced} bounced',
                step.counts,
              )}
            </Typography>
            <Flex gap={3}>
              <Link tag={RouterLink} to={ROUTES.campaign(step.campaignId)}>
                {t('series.editContent', 'Edit the content')}
              </Link>
              <Link tag={RouterLink} to={ROUTES.report(step.campaignId)}>
                {t('campaigns.report', 'Report')}
              </Link>
            </Flex>
          </Flex>
        </Flex>
      ))}
    </Flex>
  );
};
