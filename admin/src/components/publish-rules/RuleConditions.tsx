import { Button, Field, Flex, IconButton, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { scalarFields, type ContentType } from '../../api/content';
import type { ConditionDraft } from '../../utils/publishRuleDraft';
import { useT } from '../../utils/useT';
import { TextField } from '../TextField';

interface RuleConditionsProps {
  type: ContentType | undefined;
  conditions: ConditionDraft[];
  onChange: (conditions: ConditionDraft[]) => void;
}

/** Conditions on the entry's plain fields, all of which must hold; none: every published entry counts. */
export const RuleConditions = ({ type, conditions, onChange }: RuleConditionsProps) => {
  const t = useT();
  if (!type) return null;
  const fields = scalarFields(type);
  const operators: Array<[ConditionDraft['operator'], string]> = [
    ['eq', t('rules.operator.eq', 'is')],
    ['ne', t('rules.operator.ne', 'is not')],
    ['contains', t('rules.operator.contains', 'contains')],
    ['in', t('rules.operator.in', 'is one of')],
  ];
  const change = (index: number, next: Partial<ConditionDraft>) =>
    onChange(conditions.map((condition, at) => (at === index ? { ...condition, ...next } : condition)));

  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="rule-conditions">
      <Typography variant="pi" fontWeight="bold">
        {t('rules.conditions', 'Only entries where')}
      </Typography>
      {conditions.length === 0 ? (
        <Typography variant="pi" textColor="neutral600">
          {t('rules.conditionsNone', 'No condition: every published entry counts.')}
        </Typography>
      ) : null}
      {conditions.map((condition, index) => {
        const attribute = type.attributes[condition.field];
        const choices = attribute?.enum;
        return (
          <Flex key={index} gap={2} alignItems="flex-end" data-testid="rule-condition">
            <Field.Root name={`conditionField${index}`}>
              <Field.Label>{t('rules.conditionField', 'Field')}</Field.Label>
              <SingleSelect value={condition.field} onChange={(field) => change(index, { field: String(field) })}>
                {fields.map((name) => (
                  <SingleSelectOption key={name} value={name}>
                    {name}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
            <Field.Root name={`conditionOperator${index}`}>
              <Field.Label>{t('rules.conditionOperator', 'Test')}</Field.Label>
              <SingleSelect
                value={condition.operator}
                onChange={(operator) => change(index, { operator: operator as ConditionDraft['operator'] })}
              >
                {operators.map(([value, label]) => (
                  <SingleSelectOption key={value} value={value}>
                    {label}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
            {choices && condition.operator !== 'in' && condition.operator !== 'contains' ? (
              <Field.Root name={`conditionValue${index}`}>
                <Field.Label>{t('rules.conditionValue', 'Value')}</Field.Label>
                <SingleSelect value={condition.value} onChange={(value) => change(index, { value: String(value) })}>
                  {choices.map((choice) => (
                    <SingleSelectOption key={choice} value={choice}>
                      {choice}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            ) : (
              <TextField
                name={`conditionValue${index}`}
                label={t('rules.conditionValue', 'Value')}
                placeholder={condition.operator === 'in' ? t('rules.conditionList', 'a, b, c') : undefined}
                value={condition.value}
                onChange={(value) => change(index, { value })}
              />
            )}
            <IconButton
              label={t('rules.conditionRemove', 'Remove the condition')}
              onClick={() => onChange(conditions.filter((_, at) => at !== index))}
            >
              <Trash />
            </IconButton>
          </Flex>
        );
      })}
      <Flex>
        <Button
          variant="tertiary"
          startIcon={<Plus />}
          disabled={fields.length === 0}
          onClick={() => onChange([...conditions, { field: fields[0] ?? '', operator: 'eq', value: '' }])}
        >
          {t('rules.conditionAdd', 'Add a condition')}
        </Button>
      </Flex>
    </Flex>
  );
};
