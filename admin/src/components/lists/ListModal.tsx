import { Flex, Textarea, Field } from '@strapi/design-system';
import type { ListInput, MailingList } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { EditModal } from '../EditModal';
import { NameSlugFields } from '../NameSlugFields';
import { ToggleField } from '../ToggleField';

/** The list's values while it is edited. */
type ListValues = Required<ListInput>;

interface ListModalProps {
  list?: MailingList;
  onSave: (input: ListInput) => Promise<boolean>;
  trigger: React.ReactNode;
}

export const ListModal = ({ list, onSave, trigger }: ListModalProps) => {
  const t = useT();
  return (
    <EditModal<ListValues>
      title={list ? t('lists.edit', 'Edit list') : t('lists.create', 'Create a list')}
      trigger={trigger}
      initial={() => ({
        name: list?.name ?? '',
        slug: list?.slug ?? '',
        description: list?.description ?? '',
        doubleOptIn: list?.doubleOptIn ?? true,
        public: list?.public ?? true,
      })}
      canSave={(input) => Boolean(input.name.trim() && input.slug.trim())}
      onSave={(input) => onSave({ ...input, description: input.description?.trim() || null })}
    >
      {(input, setInput) => (
        <Flex direction="column" alignItems="stretch" gap={4}>
          <NameSlugFields
            name={input.name}
            slug={input.slug}
            deriveSlug={!list}
            slugHint={t('field.slugHint', 'Used in forms and imports; lower-case letters, digits and dashes')}
            onChange={(next) => setInput({ ...input, ...next })}
          />
          <Field.Root name="description">
            <Field.Label>{t('field.description', 'Description')}</Field.Label>
            <Textarea
              value={input.description ?? ''}
              onChange={(event) => setInput({ ...input, description: event.target.value })}
            />
          </Field.Root>
          <ToggleField
            name="doubleOptIn"
            label={t('lists.doubleOptIn', 'Double opt-in')}
            hint={t('lists.doubleOptInHint', 'New subscribers confirm by email before they receive anything')}
            checked={input.doubleOptIn}
            onChange={(doubleOptIn) => setInput({ ...input, doubleOptIn })}
          />
          <ToggleField
            name="public"
            label={t('lists.public', 'Offered on the preferences page')}
            checked={input.public}
            onChange={(isPublic) => setInput({ ...input, public: isPublic })}
          />
        </Flex>
      )}
    </EditModal>
  );
};
