import { Button } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Page } from '@strapi/strapi/admin';
import type { SegmentInput } from '../../../server/src/contracts';
import { useLists } from '../api/audience';
import { useSegmentActions, useSegments } from '../api/segments';
import { ItemsOrEmpty } from '../components/ItemsOrEmpty';
import { PluginPage } from '../components/PluginPage';
import { SegmentModal } from '../components/segments/SegmentModal';
import { SegmentsTable } from '../components/segments/SegmentsTable';
import { usePermissions } from '../hooks/usePermissions';
import { useWrite } from '../hooks/useWrite';
import { useT } from '../utils/useT';

export const SegmentsPage = () => {
  const t = useT();
  const segments = useSegments();
  const lists = useLists();
  const actions = useSegmentActions();
  const { canWriteSubscribers } = usePermissions();
  const write = useWrite(() => segments.reload());

  if (segments.error || lists.error) return <Page.Error />;
  if (!segments.data || !lists.data) return <Page.Loading />;

  return (
    <PluginPage
      title={t('segments.title', 'Segments')}
      subtitle={t('segments.subtitle', 'Saved rules that pick people by their details, attributes and lists')}
      primaryAction={
        canWriteSubscribers ? (
          <SegmentModal
            lists={lists.data}
            onSave={(input: SegmentInput) => write(() => actions.create(input), t('segments.created', 'Segment saved'))}
            trigger={<Button startIcon={<Plus />}>{t('segments.create', 'Create a segment')}</Button>}
          />
        ) : undefined
      }
    >
      <ItemsOrEmpty items={segments.data} emptyText={t('segments.empty', 'No segment yet.')}>
        {(items) => (
          <SegmentsTable
            segments={items}
            lists={lists.data ?? []}
            canWrite={canWriteSubscribers}
            onUpdate={(id, input) => write(() => actions.update(id, input), t('segments.updated', 'Segment saved'))}
            onDelete={(id) => write(() => actions.remove(id), t('segments.deleted', 'Segment deleted'))}
          />
        )}
      </ItemsOrEmpty>
    </PluginPage>
  );
};
