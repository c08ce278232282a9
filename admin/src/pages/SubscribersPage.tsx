import {
  Box,
  Button,
  EmptyStateLayout,
  Flex,
  Searchbar,
  SingleSelect,
  SingleSelectOption,
} from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page, useDebounce } from '@strapi/strapi/admin';
import { useState } from 'react';
import { useAudienceActions, useLists, useSubscribers } from '../api/audience';
import type { SubscriberInput, SubscriberStatus } from '../../../server/src/contracts';
import { ListPagination } from '../components/ListPagination';
import { StatusFilter } from '../components/StatusFilter';
import { ExportButton } from '../components/subscribers/ExportButton';
import { ImportModal } from '../components/subscribers/ImportModal';
import { SubscriberModal } from '../components/subscribers/SubscriberModal';
import { SubscribersTable } from '../components/subscribers/SubscribersTable';
import { useWrite } from '../hooks/useWrite';
import { usePermissions } from '../hooks/usePermissions';
import { useT } from '../utils/useT';

const STATUSES: SubscriberStatus[] = ['pending', 'subscribed', 'unsubscribed', 'bounced', 'complained'];

export const SubscribersPage = () => {
  const t = useT();
  const { canWriteSubscribers } = usePermissions();
  const actions = useAudienceActions();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<SubscriberStatus | ''>('');
  const [list, setList] = useState<number | ''>('');
  const debouncedSearch = useDebounce(search, 300);
  const subscribers = useSubscribers({
    page,
    search: debouncedSearch,
    status: status || undefined,
    list: list || undefined,
  });
  const lists = useLists();

  const write = useWrite(() => Promise.all([subscribers.reload(), lists.reload()]));

  if (subscribers.error || lists.error) return <Page.Error />;

  return (
    <Page.Main>
      <Page.Title>{t('subscribers.title', 'Subscribers')}</Page.Title>
      <Layouts.Header
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
            {canWriteSubscribers ? (
              <ImportModal
                lists={lists.data ?? []}
                onFinished={() => Promise.all([subscribers.reload(), lists.reload()])}
              />
            ) : null}
            <ExportButton filter={{ status: status || undefined, list: list || undefined }} />
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex gap={3} paddingBottom={4}>
          <Box width="320px">
            <Searchbar
              name="search"
              value={search}
              onChange={(event) => {
                setSearch(event.target.value);
                setPage(1);
              }}
              onClear={() => setSearch('')}
              clearLabel={t('action.clear', 'Clear')}
              placeholder={t('subscribers.search', 'Search by email or name')}
            >
              {t('subscribers.search', 'Search by email or name')}
            </Searchbar>
          </Box>
          <StatusFilter
            label={t('field.status', 'Status')}
            statuses={STATUSES}
            value={status}
            onChange={(next) => {
              setStatus(next);
              setPage(1);
            }}
          />
          <SingleSelect
            aria-label={t('field.lists', 'Lists')}
            size="S"
            value={list === '' ? '' : String(list)}
            onChange={(value) => {
              setList(value ? Number(value) : '');
              setPage(1);
            }}
          >
            <SingleSelectOption value="">{t('filter.allLists', 'All lists')}</SingleSelectOption>
            {(lists.data ?? []).map((item) => (
              <SingleSelectOption key={item.id} value={String(item.id)}>
                {item.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Flex>
        {!subscribers.data ? (
          <Page.Loading />
        ) : subscribers.data.length > 0 ? (
          <>
            <SubscribersTable
              subscribers={subscribers.data}
              lists={lists.data ?? []}
              canWrite={canWriteSubscribers}
              onUpdate={(id, input) =>
                write(() => actions.subscribers.update(id, input), t('subscribers.updated', 'Subscriber saved'))
              }
              onErase={async (id) => {
                await write(() => actions.subscribers.remove(id), t('subscribers.erased', 'Subscriber erased'));
              }}
            />
            <ListPagination pagination={subscribers.pagination} onPage={setPage} />
          </>
        ) : (
          <EmptyStateLayout content={t('subscribers.empty', 'No subscriber matches.')} />
        )}
      </Layouts.Content>
    </Page.Main>
  );
};
