import {
  Box,
  Button,
  Field,
  Flex,
  IconButton,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Toggle,
  Typography,
} from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import type { AbMetric, AbTestInput } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';

interface AbTestPanelProps {
  value: AbTestInput | null;
  onChange: (value: AbTestInput | null) => void;
  /** The campaign's own subject: variant 1 starts from it. */
  subject: string;
  /** A campaign with language versions cannot run a test (each language has its own subject). */
  hasVersions: boolean;
  readOnly: boolean;
}

// The bounds the server checks (server/src/services/ab-test/rules.ts).
const MIN_SUBJECTS = 2;
const MAX_SUBJECTS = 4;

/**
 * The A/B subject test of a campaign (docs/admin.md, "Campaign editor"): 2 to 4 subjects, the
 * share of the audience that tries them, how long to wait, and what decides the winner.
 */
export const AbTestPanel = ({ value, onChange, subject, hasVersions, readOnly }: AbTestPanelProps) => {
  const t = useT();
  const enabled = value !== null;
  const set = (patch: Partial<AbTestInput>) => value && onChange({ ...value, ...patch });
  const subjects = value?.subjects ?? [];
  const setSubject = (index: number, text: string) =>
    set({ subjects: subjects.map((s, i) => (i === index ? text : s)) });

  return (
    <Box tag="section" aria-labelledby="ab-test-title" padding={4} hasRadius borderColor="neutral200">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="sigma" tag="h3" id="ab-test-title">
          {t('abTest.title', 'A/B subject test')}
        </Typography>
        {hasVersions ? (
          <Typography variant="pi" textColor="neutral600">
            {t(
              'abTest.withVersions',
              'Not available for a campaign with language versions: each language has its own subject. Remove the versions to test subjects.',
            )}
          </Typography>
        ) : (
          <Field.Root
            name="abTestEnabled"
            hint={t('abTest.hint', 'Part of the audience gets each subject; the rest gets the one that did best.')}
          >
            <Field.Label>{t('abTest.enable', 'Test subject lines')}</Field.Label>
            <Toggle
              onLabel={t('abTest.on', 'On')}
              offLabel={t('abTest.off', 'Off')}
              checked={enabled}
              disabled={readOnly}
              onChange={() =>
                onChange(
                  enabled ? null : { subjects: [subject, ''], samplePercent: 20, waitHours: 4, metric: 'clicks' },
                )
              }
            />
            <Field.Hint />
          </Field.Root>
        )}
        {enabled && !hasVersions ? (
          <>
            {subjects.map((text, index) => (
              <Flex key={index} gap={2} alignItems="flex-end">
                <Box flex="1">
                  <Field.Root name={`abSubject${index}`} required>
                    <Field.Label>{t('abTest.subject', 'Subject {number}', { number: index + 1 })}</Field.Label>
                    <TextInput
                      value={text}
                      disabled={readOnly}
                      onChange={(e: React.ChangeEvent<HTMLInputElement>) => setSubject(index, e.target.value)}
                    />
                  </Field.Root>
                </Box>
                {subjects.length > MIN_SUBJECTS && !readOnly ? (
                  <IconButton
                    label={t('abTest.removeSubject', 'Remove subject {number}', { number: index + 1 })}
                    onClick={() => set({ subjects: subjects.filter((_, i) => i !== index) })}
                  >
                    <Trash />
                  </IconButton>
                ) : null}
              </Flex>
            ))}
            {subjects.length < MAX_SUBJECTS && !readOnly ? (
              <Box>
                <Button variant="tertiary" startIcon={<Plus />} onClick={() => set({ subjects: [...subjects, ''] })}>
                  {t('abTest.addSubject', 'Add a subject')}
                </Button>
              </Box>
            ) : null}
            <Flex gap={4} wrap="wrap" alignItems="flex-start">
              <Field.Root
                name="abSamplePercent"
                hint={t('abTest.sampleHint', 'Of the audience, split evenly between the subjects (1 to 50).')}
              >
                <Field.Label>{t('abTest.samplePercent', 'Test group (%)')}</Field.Label>
                <NumberInput
                  value={value?.samplePercent}
                  disabled={readOnly}
                  onValueChange={(n) => set({ samplePercent: n })}
                />
                <Field.Hint />
              </Field.Root>
              <Field.Root
                name="abWaitHours"
                hint={t('abTest.waitHint', 'After the start, before the winner is picked (1 to 168).')}
              >
                <Field.Label>{t('abTest.waitHours', 'Wait (hours)')}</Field.Label>
                <NumberInput
                  value={value?.waitHours}
                  disabled={readOnly}
                  onValueChange={(n) => set({ waitHours: n })}
                />
                <Field.Hint />
              </Field.Root>
              <Field.Root
                name="abMetric"
                hint={t(
                  'abTest.metricHint',
                  'Counted once per person; machines (privacy proxies, link scanners) do not count.',
                )}
              >
                <Field.Label>{t('abTest.metric', 'Winner by')}</Field.Label>
                <SingleSelect
                  value={value?.metric}
                  disabled={readOnly}
                  onChange={(metric: string | number) => set({ metric: metric as AbMetric })}
                >
                  <SingleSelectOption value="clicks">{t('abTest.metricClicks', 'Clicks')}</SingleSelectOption>
                  <SingleSelectOption value="opens">{t('abTest.metricOpens', 'Opens')}</SingleSelectOption>
                </SingleSelect>
                <Field.Hint />
              </Field.Root>
            </Flex>
          </>
        ) : null}
      </Flex>
    </Box>
  );
};
