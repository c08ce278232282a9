import { Box, Flex, Main, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';
import { getTranslation } from '../utils/getTranslation';

type Overview = { counts: { subscribers: number; lists: number; campaigns: number } };

export const OverviewPage = () => {
  const { formatMessage } = useIntl();
  const { get } = useFetchClient();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    get<{ data: Overview }>(`/${PLUGIN_ID}/overview`)
      .then(({ data }) => setOverview(data.data))
      .catch(() => setFailed(true));
  }, [get]);

  if (failed) return <Page.Error />;
  if (!overview) return <Page.Loading />;

  const stats = [
    { id: 'overview.subscribers', defaultMessage: 'Subscribers', value: overview.counts.subscribers },
    { id: 'overview.lists', defaultMessage: 'Lists', value: overview.counts.lists },
    { id: 'overview.campaigns', defaultMessage: 'Campaigns', value: overview.counts.campaigns },
  ];

  return (
    <Main>
      <Layouts.Header
        title={formatMessage({ id: getTranslation('plugin.name'), defaultMessage: 'Email campaigns' })}
        subtitle={formatMessage({ id: getTranslation('overview.subtitle'), defaultMessage: 'Newsletters sent from your own Strapi' })}
      />
      <Layouts.Content>
        <Flex gap={4}>
          {stats.map((stat) => (
            <Box key={stat.id} background="neutral0" padding={6} shadow="tableShadow" hasRadius>
              <Typography variant="omega" textColor="neutral600">
                {formatMessage({ id: getTranslation(stat.id), defaultMessage: stat.defaultMessage })}
              </Typography>
              <Typography variant="alpha" tag="p" data-testid={stat.id}>
                {stat.value}
              </Typography>
            </Box>
          ))}
        </Flex>
      </Layouts.Content>
    </Main>
  );
};
