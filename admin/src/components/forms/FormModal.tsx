import { Field, Flex, SingleSelect, SingleSelectOption, Textarea } from '@strapi/design-system';
import type { FormInput, MailingList, SubscribeForm } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { EditModal } from '../EditModal';
import { ListsField } from '../lists/ListsField';
import { NameSlugFields } from '../NameSlugFields';
import { TextField } from '../TextField';
import { ToggleField } from '../ToggleField';

/** The form's values while it is edited: every field the modal shows. */
type FormValues = Required<Omit<FormInput, 'provider'>>;

interface FormModalProps {
  form?: SubscribeForm;
  lists: MailingList[];
  onSave: (input: FormInput) => Promise<boolean>;
  trigger: React.ReactNode;
}

export const FormModal = ({ form, lists, onSave, trigger }: FormModalProps) => {
  const t = useT();
  return (
    <EditModal<FormValues>
      title={form ? t('forms.edit', 'Edit form') : t('forms.create', 'Create a form')}
      trigger={trigger}
      initial={() => ({
        name: form?.name ?? '',
        slug: form?.slug ?? '',
        lists: form?.lists.map((list) => list.id) ?? [],
        doubleOptIn: form?.doubleOptIn ?? true,
        successUrl: form?.successUrl ?? '',
        consentText: form?.consentText ?? '',
        fields: form?.fields ?? { name: 'optional' },
      })}
      canSave={(input) => Boolean(input.name.trim() && input.slug.trim())}
      onSave={(input) =>
        onSave({
          ...input,
          successUrl: input.successUrl?.trim() || null,
          consentText: input.consentText?.trim() || null,
        })
      }
    >
      {(input, setInput) => (
        <Flex direction="column" alignItems="stretch" gap={4}>
          <NameSlugFields
            name={input.name}
            slug={input.slug}
            deriveSlug={!form}
            onChange={(next) => setInput({ ...input, ...next })}
          />
          <ListsField
            name="lists"
            required
            label={t('field.lists', 'Lists')}
            lists={lists}
            value={input.lists}
            onChange={(ids) => setInput({ ...input, lists: ids })}
          />
          <Field.Root name="nameField">
            <Field.Label>{t('forms.nameField', 'Name field')}</Field.Label>
            <SingleSelect
              value={input.fields?.name ?? 'optional'}
              onChange={(value) =>
                setInput({ ...input, fields: { name: value as 'hidden' | 'optional' | 'required' } })
              }
            >
              <SingleSelectOption value="hidden">{t('forms.nameHidden', 'Not asked')}</SingleSelectOption>
              <SingleSelectOption value="optional">{t('forms.nameOptional', 'Optional')}</SingleSelectOption>
              <SingleSelectOption value="required">{t('forms.nameRequired', 'Required')}</SingleSelectOption>
            </SingleSelect>
          </Field.Root>
          <ToggleField
            name="doubleOptIn"
            label={t('lists.doubleOptIn', 'Double opt-in')}
            checked={input.doubleOptIn}
            onChange={(doubleOptIn) => setInput({ ...input, doubleOptIn })}
          />
          <TextField
            name="successUrl"
            type="url"
            label={t('forms.successUrl', 'Page after subscribing')}
            hint={t('forms.successUrlHint', 'Optional: where a form post lands, e.g. https://example.com/thanks')}
            value={input.successUrl ?? ''}
            onChange={(successUrl) => setInput({ ...input, successUrl })}
          />
          <Field.Root
            name="consentText"
            hint={t('forms.consentHint', 'Shown next to the button and recorded with each subscription')}
          >
            <Field.Label>{t('forms.consent', 'Consent text')}</Field.Label>
            <Textarea
              value={input.consentText ?? ''}
              onChange={(event) => setInput({ ...input, consentText: event.target.value })}
            />
            <Field.Hint />
          </Field.Root>
        </Flex>
      )}
    </EditModal>
  );
};
