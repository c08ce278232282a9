import type { BulkActionName } from '../../../../server/src/contracts';
import type { Translate } from '../../utils/useT';

export const LIST_ACTIONS: BulkActionName[] = ['addToList', 'removeFromList'];

/** The actions this admin may run: changes need subscribers.write, an export subscribers.export. */
export function allowedBulkActions(canWrite: boolean, canExport: boolean): BulkActionName[] {
  return [
    ...(canWrite ? (['addToList', 'removeFromList', 'unsubscribe', 'erase'] as const) : []),
    ...(canExport ? (['export'] as const) : []),
  ];
}

export function bulkActionLabel(t: Translate, action: BulkActionName): string {
  const labels: Record<BulkActionName, string> = {
    addToList: t('bulk.addToList', 'Add to a list'),
    removeFromList: t('bulk.removeFromList', 'Remove from a list'),
    unsubscribe: t('bulk.unsubscribe', 'Unsubscribe'),
    erase: t('bulk.erase', 'Erase'),
    export: t('bulk.export', 'Export CSV'),
  };
  return labels[action];
}
