import { Combobox, ComboboxOption, Field, Flex, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useMemo, useState } from 'react';
import type { DigestFrequency } from '../../../../server/src/contracts';
import type { RuleDraft } from '../../utils/publishRuleDraft';
import { weekdayName } from '../../utils/publishRuleLabels';
import { useT } from '../../utils/useT';
import { timeZones, zoneLabel } from '../../utils/zonedTime';
import { TextField } from '../TextField';

type Schedule = RuleDraft['digest'];

interface DigestScheduleFieldsProps {
  schedule: Schedule;
  onChange: (schedule: Schedule) => void;
}

const DAYS_OF_MONTH = Array.from({ length: 28 }, (_, index) => index + 1);

/** When a digest goes out: daily, weekly on a weekday or monthly on a day (1–28), at a time in an IANA zone. */
export const DigestScheduleFields = ({ schedule, onChange }: DigestScheduleFieldsProps) => {
  const t = useT();
  const zones = useMemo(timeZones, []);
  const [zoneText, setZoneText] = useState(zoneLabel(schedule.timezone));
  const set = (next: Partial<Schedule>) => onChange({ ...schedule, ...next });
  const frequencies: Array<[DigestFrequency, string]> = [
    ['daily', t('rules.daily', 'Daily')],
    ['weekly', t('rules.weekly', 'Weekly')],
    ['monthly', t('rules.monthly', 'Monthly')],
  ];
  const weekdays = Array.from({ length: 7 }, (_, index) => ({ value: index + 1, label: weekdayName(index + 1) }));

  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="digest-schedule">
      <Flex gap={4} alignItems="flex-start">
        <Field.Root name="frequency">
          <Field.Label>{t('rules.frequency', 'Every')}</Field.Label>
          <SingleSelect value={schedule.frequency} onChange={(value) => set({ frequency: value as DigestFrequency })}>
            {frequencies.map(([value, label]) => (
              <SingleSelectOption key={value} value={value}>
                {label}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
        {schedule.frequency === 'weekly' ? (
          <Field.Root name="weekday">
            <Field.Label>{t('rules.weekdayLabel', 'On')}</Field.Label>
            <SingleSelect value={String(schedule.weekday)} onChange={(value) => set({ weekday: Number(value) })}>
              {weekdays.map((day) => (
                <SingleSelectOption key={day.value} value={String(day.value)}>
                  {day.label}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        ) : null}
        {schedule.frequency === 'monthly' ? (
          <Field.Root name="dayOfMonth">
            <Field.Label>{t('rules.dayOfMonth', 'Day of the month')}</Field.Label>
            <SingleSelect value={String(schedule.dayOfMonth)} onChange={(value) => set({ dayOfMonth: Number(value) })}>
              {DAYS_OF_MONTH.map((day) => (
                <SingleSelectOption key={day} value={String(day)}>
                  {String(day)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        ) : null}
        <TextField
          name="digestTime"
          type="time"
          label={t('rules.time', 'At')}
          value={schedule.time}
          onChange={(time) => set({ time })}
        />
      </Flex>
      <Field.Root name="digestTimezone">
        <Field.Label>{t('schedule.timezone', 'Time zone')}</Field.Label>
        <Combobox
          value={schedule.timezone}
          textValue={zoneText}
          onTextValueChange={setZoneText}
          onChange={(value) => {
            if (!value) return;
            set({ timezone: String(value) });
            setZoneText(zoneLabel(String(value)));
          }}
          autocomplete={{ type: 'list', filter: 'contains' }}
        >
          {zones.map((name) => (
            <ComboboxOption key={name} value={name}>
              {zoneLabel(name)}
            </ComboboxOption>
          ))}
        </Combobox>
      </Field.Root>
    </Flex>
  );
};
