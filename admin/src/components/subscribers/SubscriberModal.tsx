import { Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import type { AdminSubscriberStatus, MailingList, Subscriber, SubscriberInput } from '../../../../server/src/contracts';
import { statusLabel } from '../../utils/statusLabels';
import { useT } from '../../utils/useT';
import { EditModal } from '../EditModal';
import { ListsField } from '../lists/ListsField';
import { TextField } from '../TextField';

const STATUSES: AdminSubscriberStatus[] = ['subscribed', 'unsubscribed', 'bounced', 'complained'];

/** The fields the modal edits; attributes and language come from imports and forms. */
type SubscriberValues = Required<Pick<SubscriberInput, 'email' | 'name' | 'status' | 'lists'>>;

interface SubscriberModalProps {
  subscriber?: Subscriber;
  lists: MailingList[];
  onSave: (input: SubscriberInput) => Promise<boolean>;
  trigger: React.ReactNode;
}

/** Create or edit one subscriber; an admin adds people as subscribed (no confirmation mail). */
export const SubscriberModal = ({ subscriber, lists, onSave, trigger }: SubscriberModalProps) => {
  const t = useT();
  return (
    <EditModal<SubscriberValues>
      title={subscriber ? t('subscribers.edit', 'Edit subscriber') : t('subscribers.create', 'Add a subscriber')}
      trigger={trigger}
      initial={() => ({
        email: subscriber?.email ?? '',
        name: subscriber?.name ?? '',
        status: subscriber && subscriber.status !== 'pending' ? subscriber.status : 'subscribed',
        lists: subscriber?.lists.map((list) => list.id) ?? [],
      })}
      canSave={(input) => Boolean(input.email.trim())}
      onSave={(input) => onSave({ ...input, email: input.email.trim(), name: input.name?.trim() || null })}
    >
      {(input, setInput) => (
        <Flex direction="column" alignItems="stretch" gap={4}>
          <TextField
            name="email"
            type="email"
            label={t('field.email', 'Email')}
            value={input.email}
            required
            onChange={(email) => setInput({ ...input, email })}
          />
          <TextField
            name="name"
            label={t('field.name', 'Name')}
            value={input.name ?? ''}
            onChange={(name) => setInput({ ...input, name })}
          />
          <Field.Root name="status">
            <Field.Label>{t('field.status', 'Status')}</Field.Label>
            <SingleSelect
              value={input.status}
              onChange={(status) => setInput({ ...input, status: status as AdminSubscriberStatus })}
            >
              {STATUSES.map((status) => (
                <SingleSelectOption key={status} value={status}>
                  {statusLabel(t, status)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
          <ListsField
            name="lists"
            label={t('field.lists', 'Lists')}
            lists={lists}
            value={input.lists}
            onChange={(ids) => setInput({ ...input, lists: ids })}
          />
          {subscriber ? (
            // The person's own choice on the preferences page: shown, never changed by an admin.
            <Typography variant="pi" textColor="neutral600" data-testid="subscriber-tracking">
              {subscriber.trackingOptOut
                ? t(
                    'subscribers.trackingOptedOut',
                    'Asked for mail without open and click tracking (preferences page).',
                  )
                : t('subscribers.trackingAllowed', 'Has not opted out of open and click tracking.')}
            </Typography>
          ) : null}
        </Flex>
      )}
    </EditModal>
  );
};
