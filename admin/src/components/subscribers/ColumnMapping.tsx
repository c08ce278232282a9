import { Checkbox, Field, Flex, Grid, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import type { ImportMapping } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';

export type MappedField = 'email' | 'name' | 'locale' | 'status' | 'lists';
const FIELDS: MappedField[] = ['email', 'name', 'locale', 'status', 'lists'];

interface ColumnMappingProps {
  columns: string[];
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
}

/** Which column of the file holds which field; the other columns may become attributes. */
export const ColumnMapping = ({ columns, mapping, onChange }: ColumnMappingProps) => {
  const t = useT();
  const labels: Record<MappedField, string> = {
    email: t('field.email', 'Email'),
    name: t('field.name', 'Name'),
    locale: t('field.locale', 'Language'),
    status: t('field.status', 'Status'),
    lists: t('import.listsColumn', 'Lists (slugs)'),
  };
  const used = new Set(FIELDS.map((field) => mapping[field]).filter(Boolean));
  const attributes = mapping.attributes ?? {};

  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="column-mapping">
      <Grid.Root gap={3}>
        {FIELDS.map((field) => (
          <Grid.Item key={field} col={6} direction="column" alignItems="stretch">
            <Field.Root name={`map-${field}`} required={field === 'email'}>
              <Field.Label>{labels[field]}</Field.Label>
              <SingleSelect
                value={mapping[field] ?? ''}
                onChange={(column) => onChange({ ...mapping, [field]: column ? String(column) : undefined })}
              >
                <SingleSelectOption value="">{t('import.notImported', 'Not imported')}</SingleSelectOption>
                {columns.map((column) => (
                  <SingleSelectOption key={column} value={column}>
                    {column}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          </Grid.Item>
        ))}
      </Grid.Root>
      {columns.some((column) => !used.has(column)) ? (
        <Flex direction="column" alignItems="stretch" gap={2}>
          <Typography variant="pi" fontWeight="bold">
            {t('import.attributes', 'Other columns, kept as attributes for merge tags')}
          </Typography>
          {columns
            .filter((column) => !used.has(column))
            .map((column) => (
              <Checkbox
                key={column}
                checked={Boolean(attributes[column])}
                onCheckedChange={(checked) => {
                  const { [column]: _dropped, ...rest } = attributes;
                  onChange({ ...mapping, attributes: checked === true ? { ...rest, [column]: column } : rest });
                }}
              >
                {column}
              </Checkbox>
            ))}
        </Flex>
      ) : null}
    </Flex>
  );
};
