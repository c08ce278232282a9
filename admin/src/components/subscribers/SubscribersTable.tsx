import { Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { MailingList, Subscriber, SubscriberInput } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { ConfirmAction } from '../ConfirmAction';
import { StatusBadge } from '../StatusBadge';
import { SubscriberModal } from './SubscriberModal';

interface SubscribersTableProps {
  subscribers: Subscriber[];
  lists: MailingList[];
  canWrite: boolean;
  onUpdate: (id: number, input: SubscriberInput) => Promise<boolean>;
  onErase: (id: number) => Promise<void>;
}

export const SubscribersTable = ({ subscribers, lists, canWrite, onUpdate, onErase }: SubscribersTableProps) => {
  const t = useT();
  return (
    <Table colCount={canWrite ? 6 : 5} rowCount={subscribers.length + 1}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">{t('field.email', 'Email')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('field.name', 'Name')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('field.status', 'Status')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('field.lists', 'Lists')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('field.source', 'Source')}</Typography>
          </Th>
          {canWrite ? (
            <Th>
              <Typography variant="sigma">{t('field.actions', 'Actions')}</Typography>
            </Th>
          ) : null}
        </Tr>
      </Thead>
      <Tbody>
        {subscribers.map((subscriber) => (
          <Tr key={subscriber.id} data-testid="subscriber-row">
            <Td>
              <Typography>{subscriber.email}</Typography>
            </Td>
            <Td>
              <Typography>{subscriber.name ?? ''}</Typography>
            </Td>
            <Td>
              <StatusBadge status={subscriber.status} />
            </Td>
            <Td>
              <Typography>{subscriber.lists.map((list) => list.name).join(', ')}</Typography>
            </Td>
            <Td>
              <Typography variant="pi">{subscriber.source ?? ''}</Typography>
            </Td>
            {canWrite ? (
              <Td>
                <Flex gap={2}>
                  <SubscriberModal
                    subscriber={subscriber}
                    lists={lists}
                    onSave={(input) => onUpdate(subscriber.id, input)}
                    trigger={
                      <Button size="S" variant="tertiary">
                        {t('action.edit', 'Edit')}
                      </Button>
                    }
                  />
                  <ConfirmAction
                    label={t('subscribers.erase', 'Erase')}
                    title={t('subscribers.eraseTitle', 'Erase {email}?', { email: subscriber.email })}
                    message={t(
                      'subscribers.eraseMessage',
                      'The person and their history are deleted. Their address is kept as a hash so that it is never mailed again.',
                    )}
                    onConfirm={() => onErase(subscriber.id)}
                  />
                </Flex>
              </Td>
            ) : null}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
