import { Typography } from '@strapi/design-system';
import type { EntriesNode } from '../../document/types';
import type { CampaignEntry } from '../../../../../server/src/contracts';
import { ChosenEntries } from '../../../components/campaign/ChosenEntries';
import { ContentPicker } from '../../../components/campaign/ContentPicker';
import type { EntryFields } from '../../../utils/entryFields';
import { useT } from '../../../utils/useT';
import { InspectorFields } from '../fields/InspectorFields';
import type { BlockProps } from '../types';
import { isUntouchedLoop, loopSourceFor } from './loopSource';

/** The chosen entries (a click removes one) and the content picker that adds more. */
export const EntriesInspector = ({ node, onChange, context }: BlockProps<EntriesNode>) => {
  const t = useT();

  const pick = (entry: CampaignEntry, snippet: string, fields: EntryFields) => {
    // The first entry of a type gives the untouched default loop that type's fields.
    const source = isUntouchedLoop(node) ? loopSourceFor(node, fields) : null;
    if (source) onChange({ ...node, source });
    context.onPickEntry(entry, snippet);
  };

  return (
    <InspectorFields>
      <Typography variant="pi" textColor="neutral600">
        {t(
          'visual.block.entriesHelp',
          'This block repeats for each entry chosen here; the preview shows them as they will be sent.',
        )}
      </Typography>
      <ChosenEntries entries={context.entries} onRemove={context.onRemoveEntry} readOnly={context.readOnly} />
      <ContentPicker
        onPick={pick}
        chosen={context.entries}
        disabled={context.readOnly}
        locale={context.locale}
        triggerLabel={t('visual.block.entriesChoose', 'Choose entries')}
      />
    </InspectorFields>
  );
};
