import { Button, EmptyStateLayout, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useAudienceActions, useLists } from '../api/audience';
import type { ListInput } from '../../../server/src/contracts';
import { ConfirmAction } from '../components/ConfirmAction';
import { ListModal } from '../components/lists/ListModal';
import { useWrite } from '../hooks/useWrite';
import { usePermissions } from '../hooks/usePermissions';
import { useT } from '../utils/useT';

export const ListsPage = () => {
  const t = useT();
  const lists = useLists();
  const actions = useAudienceActions();
  const { canWriteSubscribers } = usePermissions();

  const write = useWrite(() => lists.reload());

  if (lists.error) return <Page.Error />;
  if (!lists.data) return <Page.Loading />;

  const yesNo = (value: boolean) => (value ? t('toggle.yes', 'Yes') : t('toggle.no', 'No'));

  return (
    <Page.Main>
      <Page.Title>{t('lists.title', 'Lists')}</Page.Title>
      <Layouts.Header
        title={t('lists.title', 'Lists')}
        subtitle={t('lists.subtitle', 'Audiences people subscribe to')}
        primaryAction={
          canWriteSubscribers ? (
            <ListModal
              onSave={(input: ListInput) =>
                write(() => actions.lists.create(input), t('lists.created', 'List created'))
              }
              trigger={<Button startIcon={<Plus />}>{t('lists.create', 'Create a list')}</Button>}
            />
          ) : undefined
        }
      />
      <Layouts.Content>
        {lists.data.length === 0 ? (
          <EmptyStateLayout content={t('lists.empty', 'No list yet.')} />
        ) : (
          <Table colCount={canWriteSubscribers ? 6 : 5} rowCount={lists.data.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{t('field.name', 'Name')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('field.slug', 'Slug')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('lists.subscribers', 'Subscribed')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('lists.doubleOptIn', 'Double opt-in')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('lists.publicShort', 'Public')}</Typography>
                </Th>
                {canWriteSubscribers ? (
                  <Th>
                    <Typography variant="sigma">{t('field.actions', 'Actions')}</Typography>
                  </Th>
                ) : null}
              </Tr>
            </Thead>
            <Tbody>
              {lists.data.map((list) => (
                <Tr key={list.id} data-testid="list-row">
                  <Td>
                    <Typography fontWeight="bold">{list.name}</Typography>
                  </Td>
                  <Td>
                    <Typography>{list.slug}</Typography>
                  </Td>
                  <Td>
                    <Typography>{list.subscribers ?? 0}</Typography>
                  </Td>
                  <Td>
                    <Typography>{yesNo(list.doubleOptIn)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{yesNo(list.public)}</Typography>
                  </Td>
                  {canWriteSubscribers ? (
                    <Td>
                      <Flex gap={2}>
                        <ListModal
                          list={list}
                          onSave={(input) =>
                            write(() => actions.lists.update(list.id, input), t('lists.updated', 'List saved'))
                          }
                          trigger={
                            <Button size="S" variant="tertiary">
                              {t('action.edit', 'Edit')}
                            </Button>
                          }
                        />
                        <ConfirmAction
                          label={t('action.delete', 'Delete')}
                          title={t('lists.deleteTitle', 'Delete the list {name}?', { name: list.name })}
                          message={t('lists.deleteMessage', 'Subscribers stay; they are no longer on this list.')}
                          onConfirm={() =>
                            write(() => actions.lists.remove(list.id), t('lists.deleted', 'List deleted'))
                          }
                        />
                      </Flex>
                    </Td>
                  ) : null}
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};
