import { Button } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Page } from '@strapi/strapi/admin';
import type { SeriesInput } from '../../../server/src/contracts';
import { useLists } from '../api/audience';
import { useProviders } from '../api/overview';
import { useSeriesActions, useSeriesList } from '../api/series';
import { ItemsOrEmpty } from '../components/ItemsOrEmpty';
import { PluginPage } from '../components/PluginPage';
import { SeriesList } from '../components/series/SeriesList';
import { SeriesModal } from '../components/series/SeriesModal';
import { usePermissions } from '../hooks/usePermissions';
import { useWrite } from '../hooks/useWrite';
import { useT } from '../utils/useT';

export const SeriesPage = () => {
  const t = useT();
  const series = useSeriesList();
  const lists = useLists();
  const providers = useProviders();
  const { create } = useSeriesActions();
  // Series steps are campaigns that send: writing, pausing and resuming need campaigns.send, as on the server.
  const { canSendCampaigns } = usePermissions();
  const write = useWrite(() => series.reload());

  if (series.error || lists.error || providers.error) return <Page.Error />;
  if (!series.data || !lists.data || !providers.data) return <Page.Loading />;

  const createButton = (
    <SeriesModal
      lists={lists.data}
      providers={providers.data}
      onSave={(input: SeriesInput) => write(() => create(input), t('series.created', 'Series saved'))}
      trigger={<Button startIcon={<Plus />}>{t('series.create', 'Create a series')}</Button>}
    />
  );
  return (
    <PluginPage
      title={t('series.title', 'Series')}
      subtitle={t('series.subtitle', 'Welcome and drip messages that follow each person from the day they join')}
      primaryAction={canSendCampaigns ? createButton : undefined}
    >
      <ItemsOrEmpty items={series.data} emptyText={t('series.empty', 'No series yet.')}>
        {(items) => (
          <SeriesList
            items={items}
            lists={lists.data ?? []}
            providers={providers.data ?? []}
            canWrite={canSendCampaigns}
            write={write}
          />
        )}
      </ItemsOrEmpty>
    </PluginPage>
  );
};
