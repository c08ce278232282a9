import { Button } from '@strapi/design-system';
import { useState, type Dispatch, type ReactNode, type SetStateAction } from 'react';
import { useT } from '../utils/useT';
import { ModalShell } from './ModalShell';

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
    <ModalShell
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setInput(initial());
      }}
      trigger={trigger}
      title={title}
      closeLabel={t('action.cancel', 'Cancel')}
      actions={
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
      }
    >
      {children(input, setInput)}
    </ModalShell>
  );
}
