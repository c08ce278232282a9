import { Button, Flex, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Page } from '@strapi/strapi/admin';
import { useState } from 'react';
import type { SubscriberInput, SubscriberStatus } from '../../../server/src/contracts';
import { useAudienceActions, useLists, useSubscribers } from '../api/audience';
import { useSegments } from '../api/segments';
import { ItemsOrEmpty } from '../components/ItemsOrEmpty';
import { ListPagination } from '../components/ListPagination';
import { PluginPage } from '../components/PluginPage';
import { SearchAndStatusToolbar } from '../components/SearchAndStatusToolbar';
import { BulkActions } from '../components/subscribers/BulkActions';
import { ExportButton } from '../components/subscribers/ExportButton';
import { ImportModal } from '../components/subscribers/ImportModal';
import { SubscriberModal } from '../components/subscribers/SubscriberModal';
import { SubscribersTable } from '../components/subscribers/SubscribersTable';
import { useListFilters } from '../hooks/useListFilters';
import { usePermissions } from '../hooks/usePermissions';
import { useRowSelection } from '../hooks/useRowSelection';
import { useWrite } from '../hooks/useWrite';
import { useT } from '../utils/useT';

const STATUSES: SubscriberStatus[] = ['pending', 'subscribed', 'unsubscribed', 'bounced', 'complained'];

export const SubscribersPage = () => {
  const t = useT();
  const { canWriteSubscribers, canExportSubscribers } = usePermissions();
  const actions = useAudienceActions();
  const filters = useListFilters<SubscriberStatus>();
  const [list, setList] = useState<number | ''>('');
  const subscribers = useSubscribers({ ...filters.query, list: list || undefined });
  const lists = useLists();
  const segments = useSegments();
  const selection = useRowSelection();
  const canBulk = canWriteSubscribers || canExportSubscribers;

  const reload = () => Promise.all([subscribers.reload(), lists.reload()]);
  const write = useWrite(reload);

  if (subscribers.error || lists.error) return <Page.Error />;

  return (
    <PluginPage
      title={t('subscribers.title', 'Subscribers')}
      subtitle={t('subscribers.subtitle', 'The people on your lists')}
      primaryAction={
        canWriteSubscribers ? (
          <SubscriberModal
            lists={lists.data ?? []}
            onSave={(input: SubscriberInput) =>
              write(() => actions.subscribers.create(input), t('subscribers.created', 'Subscriber added'))
            }
            trigger={<Button startIcon={<Plus />}>{t('subscribers.create', 'Add a subscriber')}</Button>}
          />
        ) : undefined
      }
      secondaryAction={
        <Flex gap={2}>
          {canWriteSubscribers ? <ImportModal lists={lists.data ?? []} onFinished={reload} /> : null}
          {canExportSubscribers ? (
            <ExportButton filter={{ status: filters.query.status, list: list || undefined }} />
          ) : null}
        </Flex>
      }
    >
      <SearchAndStatusToolbar
        filters={filters}
        statuses={STATUSES}
        searchLabel={t('subscribers.search', 'Search by email or name')}
      >
        <SingleSelect
          aria-label={t('field.lists', 'Lists')}
          size="S"
          value={list === '' ? '' : String(list)}
          onChange={(value) => {
            setList(value ? Number(value) : '');
            filters.setPage(1);
          }}
        >
          <SingleSelectOption value="">{t('filter.allLists', 'All lists')}</SingleSelectOption>
          {(lists.data ?? []).map((item) => (
            <SingleSelectOption key={item.id} value={String(item.id)}>
              {item.name}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </SearchAndStatusToolbar>
      {canBulk ? (
        <BulkActions
          selectedIds={selection.ids}
          segments={segments.data ?? []}
          lists={lists.data ?? []}
          canWrite={canWriteSubscribers}
          canExport={canExportSubscribers}
          onDone={() => {
            selection.clear();
            return reload();
          }}
        />
      ) : null}
      <ItemsOrEmpty items={subscribers.data} emptyText={t('subscribers.empty', 'No subscriber matches.')}>
        {(items) => (
          <>
            <SubscribersTable
              subscribers={items}
              lists={lists.data ?? []}
              canWrite={canWriteSubscribers}
              selection={canBulk ? selection : undefined}
              onUpdate={(id, input) =>
                write(() => actions.subscribers.update(id, input), t('subscribers.updated', 'Subscriber saved'))
              }
              onErase={(id) =>
                write(() => actions.subscribers.remove(id), t('subscribers.erased', 'Subscriber erased'))
              }
            />
            <ListPagination pagination={subscribers.pagination} onPage={filters.setPage} />
          </>
        )}
      </ItemsOrEmpty>
    </PluginPage>
  );
};
