import { Field, Flex, IconButton, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import type { MailingList, SegmentCondition, SegmentField } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { ConditionValue } from './ConditionValue';
import {
  conditionFor,
  FIELDS,
  fieldLabel,
  operatorLabel,
  operatorsFor,
  valueKind,
  withOperator,
} from './segmentFields';

interface ConditionRowProps {
  condition: SegmentCondition;
  lists: MailingList[];
  onChange: (condition: SegmentCondition) => void;
  onRemove: () => void;
}

/** One condition: the field (an attribute with its path), an operator valid for it, and the value. */
export const ConditionRow = ({ condition, lists, onChange, onRemove }: ConditionRowProps) => {
  const t = useT();
  const kind = valueKind(condition);
  const isAttribute = condition.field === 'attribute';
  return (
    <Flex gap={2} alignItems="center" wrap="wrap" data-testid="segment-condition">
      <SingleSelect
        aria-label={t('segments.fieldLabel', 'Field')}
        size="S"
        value={condition.field}
        onChange={(field) => onChange(conditionFor(field as SegmentField))}
      >
        {FIELDS.map((field) => (
          <SingleSelectOption key={field} value={field}>
            {fieldLabel(t, field)}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      {isAttribute ? (
        <Field.Root name="segment-path">
          <Field.Input
            aria-label={t('segments.path', 'Attribute name')}
            placeholder={t('segments.pathPlaceholder', 'plan')}
            size="S"
            value={condition.path ?? ''}
            onChange={(event) => onChange({ ...condition, path: event.target.value })}
          />
        </Field.Root>
      ) : null}
      <SingleSelect
        aria-label={t('segments.operator', 'Operator')}
        size="S"
        value={condition.operator}
        onChange={(operator) => onChange(withOperator(condition, operator as SegmentCondition['operator']))}
      >
        {operatorsFor(condition.field).map((operator) => (
          <SingleSelectOption key={operator} value={operator}>
            {operatorLabel(t, operator, kind)}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      {isAttribute && kind !== 'none' ? (
        // Attributes hold text or numbers: "10" and 10 compare differently, so the admin says which.
        <SingleSelect
          aria-label={t('segments.valueType', 'Compare as')}
          size="S"
          value={kind}
          onChange={(next) => {
            const current = condition.value === null || condition.value === undefined ? '' : String(condition.value);
            const asNumber = next === 'number' && current !== '' && !Number.isNaN(Number(current));
            onChange({ ...condition, value: asNumber ? Number(current) : next === 'number' ? 0 : current });
          }}
        >
          <SingleSelectOption value="text">{t('segments.asText', 'text')}</SingleSelectOption>
          <SingleSelectOption value="number">{t('segments.asNumber', 'number')}</SingleSelectOption>
        </SingleSelect>
      ) : null}
      <ConditionValue
        kind={kind}
        value={condition.value}
        lists={lists}
        onChange={(value) => onChange({ ...condition, value })}
      />
      <IconButton label={t('segments.removeCondition', 'Remove this condition')} variant="ghost" onClick={onRemove}>
        <Trash />
      </IconButton>
    </Flex>
  );
};
