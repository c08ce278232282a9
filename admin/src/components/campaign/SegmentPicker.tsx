import { Box, Field, MultiSelect, MultiSelectOption } from '@strapi/design-system';
import { useSegments } from '../../api/segments';
import { useT } from '../../utils/useT';

interface SegmentPickerProps {
  value: number[];
  onChange: (ids: number[]) => void;
  readOnly: boolean;
}

/** Segments as a campaign's audience, with or instead of lists: each person counts once. */
export const SegmentPicker = ({ value, onChange, readOnly }: SegmentPickerProps) => {
  const t = useT();
  const segments = useSegments();
  return (
    <Box paddingTop={3}>
      <Field.Root
        name="segments"
        hint={t('editor.segmentsHint', 'The subscribed people matching any of them receive it too, once each.')}
      >
        <Field.Label>{t('editor.segments', 'Segments')}</Field.Label>
        <MultiSelect
          value={value.map(String)}
          onChange={(ids: string[]) => onChange(ids.map(Number))}
          disabled={readOnly}
          withTags
          placeholder={t('editor.chooseSegments', 'Choose segments to send to')}
        >
          {(segments.data ?? []).map((segment) => (
            <MultiSelectOption key={segment.id} value={String(segment.id)}>
              {segment.name}
            </MultiSelectOption>
          ))}
        </MultiSelect>
        <Field.Hint />
      </Field.Root>
    </Box>
  );
};
