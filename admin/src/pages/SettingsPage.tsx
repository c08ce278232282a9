import { Box, Flex, Main, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';
import { PERMISSIONS } from '../permissions';
import { getTranslation } from '../utils/getTranslation';

type ProviderView = { name: string; preset: string; host: string; port: number; user: string | null; isDefault: boolean };

const ProvidersList = () => {
  const { formatMessage } = useIntl();
  const { get } = useFetchClient();
  const [providers, setProviders] = useState<ProviderView[] | null>(null);

  useEffect(() => {
    get<{ data: ProviderView[] }>(`/${PLUGIN_ID}/providers`).then(({ data }) => setProviders(data.data));
  }, [get]);

  if (!providers) return <Page.Loading />;

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {providers.map((provider) => (
        <Box key={provider.name} background="neutral0" padding={6} shadow="tableShadow" hasRadius>
          <Typography variant="delta" tag="h2">
            {provider.name}
          </Typography>
          <Typography tag="p">
            {provider.host}:{provider.port} ({provider.preset})
          </Typography>
          <Typography tag="p" textColor="neutral600">
            {formatMessage({
              id: getTranslation('settings.fromConfig'),
              defaultMessage: 'Defined in config/plugins.js: edit it there.',
            })}
          </Typography>
        </Box>
      ))}
    </Flex>
  );
};

const SettingsPage = () => {
  const { formatMessage } = useIntl();
  return (
    <Page.Protect permissions={PERMISSIONS.settings}>
      <Main>
        <Layouts.Header
          title={formatMessage({ id: getTranslation('settings.title'), defaultMessage: 'Email campaigns' })}
          subtitle={formatMessage({ id: getTranslation('settings.subtitle'), defaultMessage: 'SMTP providers and their limits' })}
        />
        <Layouts.Content>
          <ProvidersList />
        </Layouts.Content>
      </Main>
    </Page.Protect>
  );
};

export default SettingsPage;
