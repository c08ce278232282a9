import { Checkbox, Td, Tr } from '@strapi/design-system';
import type { MailingList, Subscriber, SubscriberInput } from '../../../../server/src/contracts';
import type { RowSelection } from '../../hooks/useRowSelection';
import { useT } from '../../utils/useT';
import { DataTable, TextCell } from '../DataTable';
import { EditAndDeleteActions } from '../EditAndDeleteActions';
import { StatusCell } from '../StatusBadge';
import { SubscriberModal } from './SubscriberModal';

interface SubscribersTableProps {
  subscribers: Subscriber[];
  lists: MailingList[];
  canWrite: boolean;
  onUpdate: (id: number, input: SubscriberInput) => Promise<boolean>;
  onErase: (id: number) => Promise<unknown>;
  /** Checkboxes for bulk actions; absent when the admin may run none. */
  selection?: RowSelection;
}

export const SubscribersTable = ({
  subscribers,
  lists,
  canWrite,
  onUpdate,
  onErase,
  selection,
}: SubscribersTableProps) => {
  const t = useT();
  const shown = subscribers.map((subscriber) => subscriber.id);
  const checked = shown.filter((id) => selection?.has(id)).length;
  const headers = [
    selection && (
      <Checkbox
        aria-label={t('bulk.selectPage', 'Select every row of this page')}
        checked={checked === 0 ? false : checked === shown.length ? true : 'indeterminate'}
        onCheckedChange={(value) => selection.toggleMany(shown, value === true)}
      />
    ),
    t('field.email', 'Email'),
    t('field.name', 'Name'),
    t('field.status', 'Status'),
    t('field.lists', 'Lists'),
    t('field.source', 'Source'),
    canWrite && t('field.actions', 'Actions'),
  ];
  return (
    <DataTable headers={headers} rowCount={subscribers.length}>
      {subscribers.map((subscriber) => (
        <Tr key={subscriber.id} data-testid="subscriber-row">
          {selection ? (
            <Td>
              <Checkbox
                aria-label={t('bulk.selectRow', 'Select {email}', { email: subscriber.email })}
                checked={selection.has(subscriber.id)}
                onCheckedChange={(value) => selection.toggle(subscriber.id, value === true)}
              />
            </Td>
          ) : null}
          <TextCell>{subscriber.email}</TextCell>
          <TextCell>{subscriber.name ?? ''}</TextCell>
          <StatusCell status={subscriber.status} />
          <TextCell>{subscriber.lists.map((list) => list.name).join(', ')}</TextCell>
          <TextCell variant="pi">{subscriber.source ?? ''}</TextCell>
          {canWrite ? (
            <Td>
              <EditAndDeleteActions
                editModal={(trigger) => (
                  <SubscriberModal
                    subscriber={subscriber}
                    lists={lists}
                    onSave={(input) => onUpdate(subscriber.id, input)}
                    trigger={trigger}
                  />
                )}
                deleteLabel={t('subscribers.erase', 'Erase')}
                deleteTitle={t('subscribers.eraseTitle', 'Erase {email}?', { email: subscriber.email })}
                deleteMessage={t(
                  'subscribers.eraseMessage',
                  'The person and their history are deleted. Their address is kept as a hash so that it is never mailed again.',
                )}
                onDelete={() => onErase(subscriber.id)}
              />
            </Td>
          ) : null}
        </Tr>
      ))}
    </DataTable>
  );
};
