import { Button, Modal } from '@strapi/design-system';
import { useState, type Dispatch, type ReactNode, type SetStateAction } from 'react';
import { useT } from '../utils/useT';

interface EditModalProps<T> {
  title: string;
  trigger: ReactNode;
  /** The form's values each time the modal opens. */
  initial: () => T;
  canSave: (input: T) => boolean;
  /** Resolves true when saved, which closes the modal; false keeps it open (the error is shown). */
  onSave: (input: T) => Promise<boolean>;
  children: (input: T, setInput: Dispatch<SetStateAction<T>>) => ReactNode;
}

/** A create-or-edit modal: its open state, the form's values, and the Cancel and Save buttons. */
export function EditModal<T>({ title, trigger, initial, canSave, onSave, children }: EditModalProps<T>) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [input, setInput] = useState<T>(initial);
  const [isSaving, setSaving] = useState(false);

  return (
    <Modal.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setInput(initial());
      }}
    >
      <Modal.Trigger>{trigger}</Modal.Trigger>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{title}</Modal.Title>
        </Modal.Header>
        <Modal.Body>{children(input, setInput)}</Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('action.cancel', 'Cancel')}</Button>
          </Modal.Close>
          <Button
            loading={isSaving}
            disabled={!canSave(input)}
            onClick={async () => {
              setSaving(true);
              const saved = await onSave(input);
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
}
