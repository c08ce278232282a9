import { Td, Tr } from '@strapi/design-system';
import type { ListInput, MailingListWithCount } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { DataTable, TextCell } from '../DataTable';
import { EditAndDeleteActions } from '../EditAndDeleteActions';
import { ListModal } from './ListModal';

interface ListsTableProps {
  lists: MailingListWithCount[];
  canWrite: boolean;
  onUpdate: (id: number, input: ListInput) => Promise<boolean>;
  onDelete: (id: number) => Promise<unknown>;
}

/** The mailing lists with their subscribed members and settings. */
export const ListsTable = ({ lists, canWrite, onUpdate, onDelete }: ListsTableProps) => {
  const t = useT();
  const yesNo = (value: boolean) => (value ? t('toggle.yes', 'Yes') : t('toggle.no', 'No'));
  const headers = [
    t('field.name', 'Name'),
    t('field.slug', 'Slug'),
    t('lists.subscribers', 'Subscribed'),
    t('lists.doubleOptIn', 'Double opt-in'),
    t('lists.publicShort', 'Public'),
    canWrite && t('field.actions', 'Actions'),
  ];
  return (
    <DataTable headers={headers} rowCount={lists.length}>
      {lists.map((list) => (
        <Tr key={list.id} data-testid="list-row">
          <TextCell fontWeight="bold">{list.name}</TextCell>
          <TextCell>{list.slug}</TextCell>
          <TextCell>{list.subscribers}</TextCell>
          <TextCell>{yesNo(list.doubleOptIn)}</TextCell>
          <TextCell>{yesNo(list.public)}</TextCell>
          {canWrite ? (
            <Td>
              <EditAndDeleteActions
                editModal={(trigger) => (
                  <ListModal list={list} onSave={(input) => onUpdate(list.id, input)} trigger={trigger} />
                )}
                deleteTitle={t('lists.deleteTitle', 'Delete the list {name}?', { name: list.name })}
                deleteMessage={t('lists.deleteMessage', 'Subscribers stay; they are no longer on this list.')}
                onDelete={() => onDelete(list.id)}
              />
            </Td>
          ) : null}
        </Tr>
      ))}
    </DataTable>
  );
};
