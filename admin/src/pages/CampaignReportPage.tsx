import { Box, Flex, Typography } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { useParams } from 'react-router-dom';
import { isOnItsWay, useCampaign, useReport } from '../api/campaigns';
import { SendProgress } from '../components/SendProgress';
import { BackLink } from '../components/BackLink';
import { PluginPage } from '../components/PluginPage';
import { StatusBadge } from '../components/StatusBadge';
import { CampaignControls } from '../components/campaign/CampaignControls';
import { EngagementSection } from '../components/report/EngagementSection';
import { ErrorGroups } from '../components/report/ErrorGroups';
import { LanguageCounts } from '../components/report/LanguageCounts';
import { RecipientsTable } from '../components/report/RecipientsTable';
import { ReportCounts } from '../components/report/ReportCounts';
import { ReportFeedback } from '../components/report/ReportFeedback';
import { SendsPerHourChart } from '../components/report/SendsPerHourChart';
import { ROUTES } from '../utils/routes';
import { useT } from '../utils/useT';

const Section = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <Box>
    <Typography variant="beta" tag="h2">
      {title}
    </Typography>
    <Box paddingTop={3}>{children}</Box>
  </Box>
);

export const CampaignReportPage = () => {
  const t = useT();
  const id = Number(useParams().id);
  const campaign = useCampaign(id);
  const report = useReport(id);

  if (campaign.error || report.error) return <Page.Error />;
  if (!campaign.data || !report.data) return <Page.Loading />;

  const { counts, progress, eta, timeline, errors, status, feedback, languages } = report.data;
  return (
    <PluginPage
      title={t('report.title', 'Report: {name}', { name: campaign.data.name })}
      navigationAction={<BackLink to={ROUTES.campaigns} label={t('editor.back', 'Back to campaigns')} />}
      subtitle={
        <Flex gap={2}>
          <StatusBadge status={status} />
          {campaign.data.pauseReason ? (
            <Typography textColor="warning700">{campaign.data.pauseReason}</Typography>
          ) : null}
        </Flex>
      }
    >
      <Flex direction="column" alignItems="stretch" gap={8}>
        <Flex gap={4} wrap="wrap">
          <SendProgress done={progress.done} total={progress.total} />
          {eta ? (
            <Typography textColor="warning700" data-testid="report-eta">
              {t('report.eta', 'The limits spread this send: expected to finish around {eta}', {
                eta: new Date(eta).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
              })}
            </Typography>
          ) : null}
          <CampaignControls
            campaign={{ ...campaign.data, status }}
            onChange={() => Promise.all([campaign.reload(), report.reload()])}
          />
        </Flex>
        <ReportCounts counts={counts} />
        <ReportFeedback feedback={feedback} />
        <LanguageCounts languages={languages} />
        <Section title={t('engagement.title', 'Engagement')}>
          <EngagementSection campaignId={id} />
        </Section>
        <Section title={t('report.chart', 'Sends per hour')}>
          <SendsPerHourChart timeline={timeline} />
        </Section>
        <Section title={t('report.errors', 'Errors by code')}>
          <ErrorGroups groups={errors} />
        </Section>
        <Section title={t('report.recipients', 'Recipients')}>
          <RecipientsTable campaignId={id} live={isOnItsWay(status)} />
        </Section>
      </Flex>
    </PluginPage>
  );
};
