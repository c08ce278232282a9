import { Button, Flex, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Page } from '@strapi/strapi/admin';
import { useProviderActions, useSettings } from '../api/settings';
import type { ProviderInput } from '../../../server/src/contracts';
import { PluginPage } from '../components/PluginPage';
import { FeedbackSettings } from '../components/settings/FeedbackSettings';
import { GeneralSettings } from '../components/settings/GeneralSettings';
import { TrackingSettings } from '../components/settings/TrackingSettings';
import { ProviderCard } from '../components/settings/ProviderCard';
import { ProviderModal } from '../components/settings/ProviderModal';
import { WebhookEvents } from '../components/settings/WebhookEvents';
import { useWrite } from '../hooks/useWrite';
import { PERMISSIONS } from '../permissions';
import { useT } from '../utils/useT';

const ProvidersSettings = () => {
  const t = useT();
  const settings = useSettings();
  const actions = useProviderActions();

  const write = useWrite(() => settings.reload());

  if (settings.error) return <Page.Error />;
  if (!settings.data) return <Page.Loading />;
  const { providers, presets, general, feedback, tracking } = settings.data;

  return (
    <PluginPage
      title={t('settings.title', 'Email campaigns')}
      subtitle={t('settings.subtitle', 'SMTP providers and their limits')}
      primaryAction={
        <ProviderModal
          presets={presets}
          onSave={(input: ProviderInput) => write(() => actions.create(input), t('settings.created', 'Provider added'))}
          trigger={<Button startIcon={<Plus />}>{t('settings.addProvider', 'Add a provider')}</Button>}
        />
      }
    >
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="beta" tag="h2">
          {t('settings.providers', 'Providers')}
        </Typography>
        {providers.map((provider) => (
          <ProviderCard
            key={provider.name}
            provider={provider}
            presets={presets}
            onSave={(input) => write(() => actions.update(input), t('settings.saved', 'Provider saved'))}
            onRemove={() => write(() => actions.remove(provider.name), t('settings.deleted', 'Provider deleted'))}
          />
        ))}
        <FeedbackSettings feedback={feedback} />
        <WebhookEvents />
        <GeneralSettings general={general} />
        <TrackingSettings tracking={tracking} />
      </Flex>
    </PluginPage>
  );
};

const SettingsPage = () => (
  <Page.Protect permissions={PERMISSIONS.settings}>
    <ProvidersSettings />
  </Page.Protect>
);

export default SettingsPage;
