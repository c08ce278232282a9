import { Flex, Tag, Typography } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import type { CampaignEntry } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';

const label = (entry: CampaignEntry) => String(entry.title ?? entry.name ?? entry.documentId ?? entry.id);

/** The entries the template receives as `entries`, in order; a click on one removes it. */
export const ChosenEntries = ({
  entries,
  onRemove,
  readOnly,
}: {
  entries: CampaignEntry[];
  onRemove: (index: number) => void;
  readOnly: boolean;
}) => {
  const t = useT();
  if (entries.length === 0) return null;
  return (
    <Flex gap={2} wrap="wrap" data-testid="chosen-entries">
      <Typography variant="pi" textColor="neutral600">
        {t('picker.chosen', 'Entries:')}
      </Typography>
      {entries.map((entry, index) => (
        <Tag
          key={`${entry.uid}-${entry.documentId}`}
          icon={readOnly ? undefined : <Cross />}
          onClick={readOnly ? undefined : () => onRemove(index)}
        >
          {label(entry)}
        </Tag>
      ))}
    </Flex>
  );
};
