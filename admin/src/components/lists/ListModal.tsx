import { Button, Flex, Modal, Textarea, Field } from '@strapi/design-system';
import { useState } from 'react';
import type { ListInput } from '../../api/audience';
import type { MailingList } from '../../api/types';
import { useT } from '../../utils/useT';
import { NameSlugFields } from '../NameSlugFields';
import { ToggleField } from '../ToggleField';

interface ListModalProps {
  list?: MailingList;
  onSave: (input: ListInput) => Promise<boolean>;
  trigger: React.ReactNode;
}

export const ListModal = ({ list, onSave, trigger }: ListModalProps) => {
  const t = useT();
  const [open, setOpen] = useState(false);
  const initial = (): ListInput => ({
    name: list?.name ?? '',
    slug: list?.slug ?? '',
    description: list?.description ?? '',
    doubleOptIn: list?.doubleOptIn ?? true,
    public: list?.public ?? true,
  });
  const [input, setInput] = useState<ListInput>(initial);
  const [isSaving, setSaving] = useState(false);

  return (
    <Modal.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setInput(initial());
        }
      }}
    >
      <Modal.Trigger>{trigger}</Modal.Trigger>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{list ? t('lists.edit', 'Edit list') : t('lists.create', 'Create a list')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
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
              <Textarea value={input.description ?? ''} onChange={(event) => setInput({ ...input, description: event.target.value })} />
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
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('action.cancel', 'Cancel')}</Button>
          </Modal.Close>
          <Button
            loading={isSaving}
            disabled={!input.name.trim() || !input.slug.trim()}
            onClick={async () => {
              setSaving(true);
              const saved = await onSave({ ...input, description: input.description?.trim() || null });
              setSaving(false);
              if (saved) setOpen(false);
            }}
          >
            {t('action.save', 'Save')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
