import { Badge, Button, Flex, Typography } from '@strapi/design-system';
import type { MailingList, ProviderView, Series, SeriesInput } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { EditAndDeleteActions } from '../EditAndDeleteActions';
import { SectionCard } from '../SectionCard';
import { SeriesModal } from './SeriesModal';
import { SeriesTimeline } from './SeriesTimeline';

interface SeriesCardProps {
  series: Series;
  lists: MailingList[];
  providers: ProviderView[];
  canWrite: boolean;
  onUpdate: (input: SeriesInput) => Promise<boolean>;
  onDelete: () => Promise<unknown>;
  onPause: () => Promise<unknown>;
  onResume: () => Promise<unknown>;
}

/** A series: who enrolls and when, how many are in it, pause or resume, and its steps on a timeline. */
export const SeriesCard = ({ series, lists, providers, canWrite, ...actions }: SeriesCardProps) => {
  const t = useT();
  const title = (
    <Flex gap={2}>
      {series.name}
      {series.paused ? <Badge>{t('series.paused', 'Paused')}</Badge> : null}
    </Flex>
  );
  return (
    <SectionCard
      title={title}
      gap={3}
      data-testid="series-card"
      actions={
        canWrite ? (
          <Flex gap={2}>
            {series.paused ? (
              <Button size="S" variant="secondary" onClick={actions.onResume}>
                {t('series.resume', 'Resume')}
              </Button>
            ) : (
              <Button size="S" variant="secondary" onClick={actions.onPause}>
                {t('series.pause', 'Pause')}
              </Button>
            )}
            <EditAndDeleteActions
              editModal={(trigger) => (
                <SeriesModal
                  series={series}
                  lists={lists}
                  providers={providers}
                  onSave={actions.onUpdate}
                  trigger={trigger}
                />
              )}
              deleteTitle={t('series.deleteTitle', 'Delete the series {name}?', { name: series.name })}
              deleteMessage={t(
                'series.deleteMessage',
                'Nobody receives its steps any more; messages already sent stay in their reports.',
              )}
              onDelete={actions.onDelete}
            />
          </Flex>
        ) : null
      }
    >
      <Typography textColor="neutral600">
        {series.trigger === 'confirmed'
          ? t('series.startsOnConfirm', 'Starts when a person confirms on {list}', { list: series.list?.name ?? '—' })
          : t('series.startsOnJoin', 'Starts when a person joins {list}', { list: series.list?.name ?? '—' })}
      </Typography>
      <Typography textColor="neutral600" data-testid="series-enrolled">
        {t('series.enrolled', '{enrolled} enrolled, {active} still active', {
          enrolled: series.enrolled,
          active: series.active,
        })}
      </Typography>
      <SeriesTimeline steps={series.steps} />
    </SectionCard>
  );
};
