import { Button, Modal } from '@strapi/design-system';
import type { ReactNode } from 'react';
import { useT } from '../utils/useT';

interface ModalShellProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The button that opens the modal. */
  trigger: ReactNode;
  title: string;
  children: ReactNode;
  /** The dismiss button: "Close", or "Cancel" where closing drops what was typed. */
  closeLabel?: string;
  /** The buttons after the dismiss one (Save, Schedule, ...). */
  actions?: ReactNode;
}

/** A modal opened by its trigger: a title, the body, and a footer that dismisses it or acts. */
export const ModalShell = ({ open, onOpenChange, trigger, title, children, closeLabel, actions }: ModalShellProps) => {
  const t = useT();
  return (
    <Modal.Root open={open} onOpenChange={onOpenChange}>
      <Modal.Trigger>{trigger}</Modal.Trigger>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{title}</Modal.Title>
        </Modal.Header>
        <Modal.Body>{children}</Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{closeLabel ?? t('action.close', 'Close')}</Button>
          </Modal.Close>
          {actions}
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
