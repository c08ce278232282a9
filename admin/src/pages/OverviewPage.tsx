import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { useOverview } from '../api/overview';
import { CampaignLink } from '../components/campaign/CampaignLink';
import { PluginPage } from '../components/PluginPage';
import { ProviderUsageCard } from '../components/overview/ProviderUsageCard';
import { RecentCampaigns } from '../components/overview/RecentCampaigns';
import { StatCard } from '../components/overview/StatCard';
import { useT } from '../utils/useT';

export const OverviewPage = () => {
  const t = useT();
  const { data: overview, error, reload } = useOverview();

  if (error) return <Page.Error />;
  if (!overview) return <Page.Loading />;

  return (
    <PluginPage
      title={t('plugin.name', 'Email campaigns')}
      subtitle={t('overview.subtitle', 'Newsletters sent from your own Strapi')}
    >
      <Flex direction="column" alignItems="stretch" gap={6}>
        <Flex gap={4}>
          <StatCard
            label={t('overview.subscribers', 'Subscribers')}
            value={overview.counts.subscribers}
            testId="overview.subscribers"
          />
          <StatCard label={t('overview.lists', 'Lists')} value={overview.counts.lists} testId="overview.lists" />
          <StatCard
            label={t('overview.campaigns', 'Campaigns')}
            value={overview.counts.campaigns}
            testId="overview.campaigns"
          />
        </Flex>

        <Box>
          <Typography variant="beta" tag="h2">
            {t('overview.usage', 'Use of the provider limits')}
          </Typography>
          <Grid.Root gap={4} paddingTop={3}>
            {overview.providers.map((provider) => (
              <Grid.Item key={provider.name} col={4} s={12}>
                <ProviderUsageCard provider={provider} onChange={reload} />
              </Grid.Item>
            ))}
          </Grid.Root>
        </Box>

        <Box background="neutral0" padding={5} shadow="tableShadow" hasRadius>
          <Typography variant="delta" tag="h2">
            {t('overview.nextScheduled', 'Next scheduled send')}
          </Typography>
          <Box paddingTop={2} data-testid="next-scheduled">
            {overview.nextScheduled ? (
              <Typography>
                <CampaignLink campaign={overview.nextScheduled} />{' '}
                {new Date(overview.nextScheduled.scheduledAt).toLocaleString(undefined, {
                  timeZone: overview.nextScheduled.timezone ?? undefined,
                  dateStyle: 'medium',
                  timeStyle: 'short',
                })}{' '}
                ({overview.nextScheduled.timezone ?? 'UTC'})
              </Typography>
            ) : (
              <Typography textColor="neutral600">{t('overview.nothingScheduled', 'Nothing is scheduled.')}</Typography>
            )}
          </Box>
        </Box>

        <Box>
          <Typography variant="beta" tag="h2">
            {t('overview.recent', 'Recent campaigns')}
          </Typography>
          <Box paddingTop={3}>
            <RecentCampaigns campaigns={overview.recentCampaigns} />
          </Box>
        </Box>
      </Flex>
    </PluginPage>
  );
};
