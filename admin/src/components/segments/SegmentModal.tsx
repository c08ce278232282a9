import type { ReactNode } from 'react';
import type { MailingList, Segment, SegmentInput } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { EditModal } from '../EditModal';
import { SegmentForm } from './SegmentForm';
import { emptyRules } from './segmentFields';

interface SegmentModalProps {
  segment?: Segment;
  lists: MailingList[];
  trigger: ReactNode;
  onSave: (input: SegmentInput) => Promise<boolean>;
}

/** Create or edit a segment: its name, description and rules. */
export const SegmentModal = ({ segment, lists, trigger, onSave }: SegmentModalProps) => {
  const t = useT();
  return (
    <EditModal<SegmentInput>
      title={segment ? t('segments.edit', 'Edit the segment') : t('segments.create', 'Create a segment')}
      trigger={trigger}
      initial={() => ({
        name: segment?.name ?? '',
        description: segment?.description ?? '',
        rules: segment?.rules ?? emptyRules(),
      })}
      canSave={(input) => Boolean(input.name.trim())}
      onSave={(input) => onSave({ ...input, name: input.name.trim(), description: input.description?.trim() || null })}
    >
      {(input, setInput) => <SegmentForm input={input} setInput={setInput} lists={lists} />}
    </EditModal>
  );
};
