import { Dialog, Typography } from '@strapi/design-system';
import { ConfirmDialog } from '@strapi/strapi/admin';
import type { MailingList } from '../../../../server/src/contracts';
import type { PendingBulkAction } from '../../hooks/useBulkAction';
import { useT } from '../../utils/useT';
import { bulkActionLabel } from './bulkActionLabels';

interface BulkConfirmDialogProps {
  pending: PendingBulkAction | null;
  lists: MailingList[];
  onConfirm: () => Promise<void>;
  onCancel: () => void;
}

/** The number of people a bulk action touches, as the server counted it, before it runs. */
export const BulkConfirmDialog = ({ pending, lists, onConfirm, onCancel }: BulkConfirmDialogProps) => {
  const t = useT();
  const action = pending?.input.action;
  const list = lists.find((item) => item.id === pending?.input.listId)?.name;
  return (
    <Dialog.Root open={Boolean(pending)} onOpenChange={(open) => (open ? undefined : onCancel())}>
      {pending && action ? (
        <ConfirmDialog
          title={list ? `${bulkActionLabel(t, action)}: ${list}` : bulkActionLabel(t, action)}
          variant={action === 'erase' || action === 'unsubscribe' ? 'danger' : 'default'}
          onConfirm={onConfirm}
          onCancel={onCancel}
        >
          <Typography tag="p" data-testid="bulk-confirm-count">
            {t('bulk.touches', 'This touches {count, plural, =0 {no one} one {# person} other {# people}}.', {
              count: pending.count,
            })}
          </Typography>
          {action === 'erase' ? (
            <Typography tag="p" textColor="danger600">
              {t(
                'bulk.eraseWarning',
                'They and their history are deleted; their addresses are kept as hashes so they are never mailed again.',
              )}
            </Typography>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </Dialog.Root>
  );
};
