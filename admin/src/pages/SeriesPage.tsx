import { Button, Flex } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Page } from '@strapi/strapi/admin';
import type { SeriesInput } from '../../../server/src/contracts';
import { useLists } from '../api/audience';
import { useProviders } from '../api/overview';
import { useSeriesActions, useSeriesList } from '../api/series';
import { ItemsOrEmpty } from '../components/ItemsOrEmpty';
import { PluginPage } from '../components/PluginPage';
import { SeriesCard } from '../components/series/SeriesCard';
import { SeriesModal } from '../components/series/SeriesModal';
import { usePermissions } from '../hooks/usePermissions';
import { useWrite } from '../hooks/useWrite';
import { useT } from '../utils/useT';

export const SeriesPage = () => {
  const t = useT();
  const series = useSeriesList();
  const lists = useLists();
  const providers = useProviders();
  const actions = useSeriesActions();
  // Series steps are campaigns: writing and pausing them is sending, as the server's permission says.
  const { canSendCampaigns } = usePermissions();
  const write = useWrite(() => series.reload());

  if (series.error || lists.error || providers.error) return <Page.Error />;
  if (!series.data || !lists.data || !providers.data) return <Page.Loading />;

  return (
    <PluginPage
      title={t('series.title', 'Series')}
      subtitle={t('series.subtitle', 'Welcome and drip messages that follow each person from the day they join')}
      primaryAction={
        canSendCampaigns ? (
          <SeriesModal
            lists={lists.data}
            providers={providers.data}
            onSave={(input: SeriesInput) => write(() => actions.create(input), t('series.created', 'Series saved'))}
            trigger={<Button startIcon={<Plus />}>{t('series.create', 'Create a series')}</Button>}
          />
        ) : undefined
      }
    >
      <ItemsOrEmpty items={series.data} emptyText={t('series.empty', 'No series yet.')}>
        {(items) => (
          <Flex direction="column" alignItems="stretch" gap={4}>
            {items.map((item) => (
              <SeriesCard
                key={item.id}
                series={item}
                lists={lists.data ?? []}
                providers={providers.data ?? []}
                canWrite={canSendCampaigns}
                onUpdate={(input) => write(() => actions.update(item.id, input), t('series.updated', 'Series saved'))}
                onDelete={() => write(() => actions.remove(item.id), t('series.deleted', 'Series deleted'))}
                onPause={() => write(() => actions.pause(item.id), t('series.pausedNotice', 'Series paused'))}
                onResume={() => write(() => actions.resume(item.id), t('series.resumedNotice', 'Series resumed'))}
              />
            ))}
          </Flex>
        )}
      </ItemsOrEmpty>
    </PluginPage>
  );
};
