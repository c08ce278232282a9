import { Button, type ButtonProps, Dialog } from '@strapi/design-system';
import { ConfirmDialog } from '@strapi/strapi/admin';
import { type ReactNode, useState } from 'react';

interface ConfirmActionProps {
  label: string;
  title: string;
  /** What will happen, said before it happens. */
  message: ReactNode;
  onConfirm: () => Promise<unknown> | void;
  variant?: ButtonProps['variant'];
  confirmVariant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
  startIcon?: ReactNode;
  disabled?: boolean;
}

/** A button that asks for confirmation before doing something that cannot be undone. */
export const ConfirmAction = ({
  label,
  title,
  message,
  onConfirm,
  variant = 'secondary',
  confirmVariant = 'danger-light',
  size = 'S',
  startIcon,
  disabled,
}: ConfirmActionProps) => {
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger>
        <Button variant={variant} size={size} startIcon={startIcon} disabled={disabled}>
          {label}
        </Button>
      </Dialog.Trigger>
      <ConfirmDialog
        title={title}
        variant={confirmVariant}
        onConfirm={async () => {
          await onConfirm();
          setOpen(false);
        }}
      >
        {message}
      </ConfirmDialog>
    </Dialog.Root>
  );
};
