import { Button } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Page } from '@strapi/strapi/admin';
import type { ListInput } from '../../../server/src/contracts';
import { useAudienceActions, useLists } from '../api/audience';
import { ItemsOrEmpty } from '../components/ItemsOrEmpty';
import { PluginPage } from '../components/PluginPage';
import { ListModal } from '../components/lists/ListModal';
import { ListsTable } from '../components/lists/ListsTable';
import { usePermissions } from '../hooks/usePermissions';
import { useWrite } from '../hooks/useWrite';
import { useT } from '../utils/useT';

export const ListsPage = () => {
  const t = useT();
  const lists = useLists();
  const actions = useAudienceActions();
  const { canWriteSubscribers } = usePermissions();

  const write = useWrite(() => lists.reload());

  if (lists.error) return <Page.Error />;
  if (!lists.data) return <Page.Loading />;

  return (
    <PluginPage
      title={t('lists.title', 'Lists')}
      subtitle={t('lists.subtitle', 'Audiences people subscribe to')}
      primaryAction={
        canWriteSubscribers ? (
          <ListModal
            onSave={(input: ListInput) => write(() => actions.lists.create(input), t('lists.created', 'List created'))}
            trigger={<Button startIcon={<Plus />}>{t('lists.create', 'Create a list')}</Button>}
          />
        ) : undefined
      }
    >
      <ItemsOrEmpty items={lists.data} emptyText={t('lists.empty', 'No list yet.')}>
        {(items) => (
          <ListsTable
            lists={items}
            canWrite={canWriteSubscribers}
            onUpdate={(id, input) => write(() => actions.lists.update(id, input), t('lists.updated', 'List saved'))}
            onDelete={(id) => write(() => actions.lists.remove(id), t('lists.deleted', 'List deleted'))}
          />
        )}
      </ItemsOrEmpty>
    </PluginPage>
  );
};
