import { Td, Tr } from '@strapi/design-system';
import type { MailingList, Segment, SegmentCount, SegmentInput } from '../../../../server/src/contracts';
import { api } from '../../api/paths';
import { useResource } from '../../api/useResource';
import { useT } from '../../utils/useT';
import { DataTable, TextCell } from '../DataTable';
import { EditAndDeleteActions } from '../EditAndDeleteActions';
import { SegmentModal } from './SegmentModal';

/** The people a saved segment selects now; counted per row so a slow one does not hold the page. */
const CountCell = ({ id }: { id: number }) => {
  const count = useResource<SegmentCount>(api(`/segments/${id}/count`));
  return <TextCell data-testid="segment-row-count">{count.data ? count.data.count : '…'}</TextCell>;
};

interface SegmentsTableProps {
  segments: Segment[];
  lists: MailingList[];
  canWrite: boolean;
  onUpdate: (id: number, input: SegmentInput) => Promise<boolean>;
  onDelete: (id: number) => Promise<unknown>;
}

/** The saved segments with the number of people each selects. */
export const SegmentsTable = ({ segments, lists, canWrite, onUpdate, onDelete }: SegmentsTableProps) => {
  const t = useT();
  const headers = [
    t('field.name', 'Name'),
    t('field.description', 'Description'),
    t('segments.people', 'People'),
    canWrite && t('field.actions', 'Actions'),
  ];
  return (
    <DataTable headers={headers} rowCount={segments.length}>
      {segments.map((segment) => (
        <Tr key={segment.id} data-testid="segment-row">
          <TextCell fontWeight="bold">{segment.name}</TextCell>
          <TextCell>{segment.description ?? ''}</TextCell>
          {/* Edited rules count again: the key follows the last save. */}
          <CountCell key={segment.updatedAt} id={segment.id} />
          {canWrite ? (
            <Td>
              <EditAndDeleteActions
                editModal={(trigger) => (
                  <SegmentModal
                    segment={segment}
                    lists={lists}
                    onSave={(input) => onUpdate(segment.id, input)}
                    trigger={trigger}
                  />
                )}
                deleteTitle={t('segments.deleteTitle', 'Delete the segment {name}?', { name: segment.name })}
                deleteMessage={t(
                  'segments.deleteMessage',
                  'Nobody is unsubscribed; campaigns already sent keep their recipients.',
                )}
                onDelete={() => onDelete(segment.id)}
              />
            </Td>
          ) : null}
        </Tr>
      ))}
    </DataTable>
  );
};
