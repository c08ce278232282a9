import { Button, Field, Flex, IconButton, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { useT } from '../../utils/useT';
import { type DelayUnit, unitLabel } from './delays';
import { newStep, type StepDraft } from './seriesDraft';

const UNITS: DelayUnit[] = ['minutes', 'hours', 'days'];

interface StepsEditorProps {
  steps: StepDraft[];
  onChange: (steps: StepDraft[]) => void;
}

/** The series' messages in order: each one's delay after the enrollment and its subject. */
export const StepsEditor = ({ steps, onChange }: StepsEditorProps) => {
  const t = useT();
  const update = (index: number, patch: Partial<StepDraft>) =>
    onChange(steps.map((step, i) => (i === index ? { ...step, ...patch } : step)));
  const last = steps[steps.length - 1];

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography variant="sigma" tag="h3">
        {t('series.steps', 'Steps')}
      </Typography>
      {steps.map((step, index) => {
        return (
          <Flex key={step.id ?? `new-${index}`} gap={2} alignItems="flex-end" data-testid="series-step-input">
            <Typography variant="pi" fontWeight="bold">
              {index + 1}.
            </Typography>
            <Field.Root name={`delay-${index}`}>
              <Field.Label>{t('series.delay', 'Delay')}</Field.Label>
              <Field.Input
                type="number"
                min={0}
                value={String(step.amount)}
                onChange={(event) => update(index, { amount: Math.max(0, Number(event.target.value) || 0) })}
              />
            </Field.Root>
            <SingleSelect
              aria-label={t('series.delayUnit', 'Unit')}
              value={step.unit}
              onChange={(unit) => update(index, { unit: unit as DelayUnit })}
            >
              {UNITS.map((unit) => (
                <SingleSelectOption key={unit} value={unit}>
                  {unitLabel(t, unit)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
            <Field.Root name={`subject-${index}`} required style={{ flex: 1 }}>
              <Field.Label>{t('field.subject', 'Subject')}</Field.Label>
              <Field.Input value={step.subject} onChange={(event) => update(index, { subject: event.target.value })} />
            </Field.Root>
            <IconButton
              label={t('series.removeStep', 'Remove this step')}
              variant="ghost"
              disabled={steps.length === 1}
              onClick={() => onChange(steps.filter((_, i) => i !== index))}
            >
              <Trash />
            </IconButton>
          </Flex>
        );
      })}
      <Button
        variant="tertiary"
        startIcon={<Plus />}
        // A new step comes one unit after the last one (a day after a message sent at once).
        onClick={() =>
          onChange([...steps, last && last.amount > 0 ? newStep(last.amount + 1, last.unit) : newStep(1, 'days')])
        }
      >
        {t('series.addStep', 'Add a step')}
      </Button>
    </Flex>
  );
};
