import { Field, MultiSelect, MultiSelectOption } from '@strapi/design-system';
import type { MailingList } from '../../../../server/src/contracts';

interface ListsFieldProps {
  name: string;
  label: string;
  lists: MailingList[];
  value: number[];
  onChange: (ids: number[]) => void;
  required?: boolean;
}

/** Choose some of the mailing lists, shown as tags. */
export const ListsField = ({ name, label, lists, value, onChange, required }: ListsFieldProps) => (
  <Field.Root name={name} required={required}>
    <Field.Label>{label}</Field.Label>
    <MultiSelect withTags value={value.map(String)} onChange={(ids: string[]) => onChange(ids.map(Number))}>
      {lists.map((list) => (
        <MultiSelectOption key={list.id} value={String(list.id)}>
          {list.name}
        </MultiSelectOption>
      ))}
    </MultiSelect>
  </Field.Root>
);
