import { Button, Flex } from '@strapi/design-system';
import type { ReactNode } from 'react';
import { useT } from '../utils/useT';
import { ConfirmAction } from './ConfirmAction';

interface EditAndDeleteActionsProps {
  /** The edit modal, opened by the Edit button it is given as its trigger. */
  editModal: (trigger: ReactNode) => ReactNode;
  /** "Delete" unless the deletion has a more precise name ("Erase"). */
  deleteLabel?: string;
  deleteTitle: string;
  /** What deleting takes with it, said before it happens. */
  deleteMessage: string;
  onDelete: () => Promise<unknown>;
}

/** Edit and delete buttons of a row or a card; deleting asks for confirmation first. */
export const EditAndDeleteActions = ({
  editModal,
  deleteLabel,
  deleteTitle,
  deleteMessage,
  onDelete,
}: EditAndDeleteActionsProps) => {
  const t = useT();
  return (
    <Flex gap={2}>
      {editModal(
        <Button size="S" variant="tertiary">
          {t('action.edit', 'Edit')}
        </Button>,
      )}
      <ConfirmAction
        label={deleteLabel ?? t('action.delete', 'Delete')}
        title={deleteTitle}
        message={deleteMessage}
        onConfirm={onDelete}
      />
    </Flex>
  );
};
