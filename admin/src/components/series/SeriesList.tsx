import { Flex } from '@strapi/design-system';
import type { MailingList, ProviderView, Series } from '../../../../server/src/contracts';
import { useSeriesActions } from '../../api/series';
import { useT } from '../../utils/useT';
import { SeriesCard } from './SeriesCard';

interface SeriesListProps {
  items: Series[];
  lists: MailingList[];
  providers: ProviderView[];
  canWrite: boolean;
  /** Runs a write with its toast and the page's refresh (useWrite). */
  write: (action: () => Promise<unknown>, message: string) => Promise<boolean>;
}

/** Every series as a card, each with its edit, delete, pause and resume wired to the API. */
export const SeriesList = ({ items, lists, providers, canWrite, write }: SeriesListProps) => {
  const t = useT();
  const actions = useSeriesActions();
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {items.map((series) => (
        <SeriesCard
          key={series.id}
          series={series}
          lists={lists}
          providers={providers}
          canWrite={canWrite}
          onUpdate={(input) => write(() => actions.update(series.id, input), t('series.updated', 'Series saved'))}
          onDelete={() => write(() => actions.remove(series.id), t('series.deleted', 'Series deleted'))}
          onPause={() => write(() => actions.pause(series.id), t('series.pausedNotice', 'Series paused'))}
          onResume={() => write(() => actions.resume(series.id), t('series.resumedNotice', 'Series resumed'))}
        />
      ))}
    </Flex>
  );
};
