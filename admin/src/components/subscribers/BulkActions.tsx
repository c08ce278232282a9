import { Button, Flex, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useState } from 'react';
import type { BulkActionName, MailingList, Segment } from '../../../../server/src/contracts';
import { useBulkAction } from '../../hooks/useBulkAction';
import { useT } from '../../utils/useT';
import { BulkConfirmDialog } from './BulkConfirmDialog';
import { allowedBulkActions, bulkActionLabel, LIST_ACTIONS } from './bulkActionLabels';

const SELECTION = 'selection';

interface BulkActionsProps {
  selectedIds: number[];
  segments: Segment[];
  lists: MailingList[];
  canWrite: boolean;
  canExport: boolean;
  onDone: () => unknown;
}

/** Who (the checked rows or a segment), what (an action the admin may run), then a confirmation with the count. */
export const BulkActions = ({ selectedIds, segments, lists, canWrite, canExport, onDone }: BulkActionsProps) => {
  const t = useT();
  const [target, setTarget] = useState<string>(SELECTION);
  const [action, setAction] = useState<BulkActionName | ''>('');
  const [listId, setListId] = useState<number | null>(null);
  const bulk = useBulkAction(onDone);
  const actions = allowedBulkActions(canWrite, canExport);
  if (actions.length === 0) return null;

  const needsList = action !== '' && LIST_ACTIONS.includes(action);
  const whoIsSet = target === SELECTION ? selectedIds.length > 0 : Boolean(target);
  const ready = whoIsSet && action !== '' && (!needsList || listId !== null);

  const start = () => {
    if (!ready) return;
    bulk.ask({
      action,
      ...(target === SELECTION ? { subscriberIds: selectedIds } : { segmentId: Number(target) }),
      ...(needsList && listId !== null ? { listId } : {}),
    });
  };

  return (
    <Flex gap={2} wrap="wrap" paddingBottom={4} data-testid="bulk-actions">
      <SingleSelect
        aria-label={t('bulk.who', 'People')}
        size="S"
        value={target}
        onChange={(value) => setTarget(String(value))}
      >
        <SingleSelectOption value={SELECTION}>
          {t('bulk.selected', '{count, plural, =0 {No row selected} one {# selected row} other {# selected rows}}', {
            count: selectedIds.length,
          })}
        </SingleSelectOption>
        {segments.map((segment) => (
          <SingleSelectOption key={segment.id} value={String(segment.id)}>
            {t('bulk.segment', 'Segment: {name}', { name: segment.name })}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <SingleSelect
        aria-label={t('bulk.action', 'Bulk action')}
        placeholder={t('bulk.chooseAction', 'Choose an action')}
        size="S"
        value={action}
        onChange={(value) => setAction(value as BulkActionName)}
      >
        {actions.map((name) => (
          <SingleSelectOption key={name} value={name}>
            {bulkActionLabel(t, name)}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      {needsList ? (
        <SingleSelect
          aria-label={t('bulk.list', 'Which list')}
          placeholder={t('segments.chooseList', 'Choose a list')}
          size="S"
          value={listId === null ? '' : String(listId)}
          onChange={(value) => setListId(Number(value))}
        >
          {lists.map((list) => (
            <SingleSelectOption key={list.id} value={String(list.id)}>
              {list.name}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      ) : null}
      <Button size="S" variant="secondary" disabled={!ready} loading={bulk.isRunning} onClick={start}>
        {t('bulk.continue', 'Continue')}
      </Button>
      <BulkConfirmDialog
        pending={bulk.pending}
        lists={lists}
        onConfirm={() => bulk.confirm(t('bulk.done', 'Done'))}
        onCancel={bulk.cancel}
      />
    </Flex>
  );
};
