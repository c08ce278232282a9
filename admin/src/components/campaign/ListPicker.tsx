import { Field, Flex, MultiSelect, MultiSelectOption, Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';
import type { Audience } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';

interface ListPickerProps {
  audience: Audience | undefined;
  value: number[];
  onChange: (ids: number[]) => void;
  readOnly: boolean;
  /** More ways to reach people (segments), shown above the audience they add up to. */
  children?: ReactNode;
}

/** The campaign's lists, each with its subscribed members, and the distinct audience of the choice (with segments). */
export const ListPicker = ({ audience, value, onChange, readOnly, children }: ListPickerProps) => {
  const t = useT();
  return (
    <Field.Root name="lists" required>
      <Field.Label>{t('field.lists', 'Lists')}</Field.Label>
      <MultiSelect
        value={value.map(String)}
        onChange={(ids) => onChange(ids.map(Number))}
        disabled={readOnly}
        withTags
        placeholder={t('editor.chooseLists', 'Choose the lists to send to')}
      >
        {(audience?.lists ?? []).map((list) => (
          <MultiSelectOption key={list.id} value={String(list.id)}>
            {t('editor.listOption', '{name} ({count, plural, one {# subscriber} other {# subscribers}})', {
              name: list.name,
              count: list.subscribers,
            })}
          </MultiSelectOption>
        ))}
      </MultiSelect>
      {children}
      <Flex paddingTop={1}>
        <Typography variant="pi" textColor="neutral600" data-testid="audience-size">
          {t(
            'editor.audience',
            '{count, plural, =0 {Nobody will receive it yet} one {# subscriber will receive it} other {# subscribers will receive it}}',
            {
              count: audience?.selected ?? 0,
            },
          )}
        </Typography>
      </Flex>
    </Field.Root>
  );
};
