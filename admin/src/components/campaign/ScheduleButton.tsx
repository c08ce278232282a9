import { Button, Combobox, ComboboxOption, Field, Flex } from '@strapi/design-system';
import { Clock } from '@strapi/icons';
import { useMemo, useState } from 'react';
import type { Audience } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { browserTimeZone, timeZones, utcToZoned, zoneLabel, zonedToUtc } from '../../utils/zonedTime';
import { ModalShell } from '../ModalShell';
import { TextField } from '../TextField';
import { AudienceStatement } from './AudienceStatement';

interface ScheduleButtonProps {
  audience: Audience | undefined;
  scheduledAt: string | null;
  timezone: string | null;
  onSchedule: (scheduledAt: string, timezone: string) => Promise<void>;
  disabled?: boolean;
}

/** Date, time and time zone (the browser's by default); the server stores the UTC instant and the zone. */
export const ScheduleButton = ({ audience, scheduledAt, timezone, onSchedule, disabled }: ScheduleButtonProps) => {
  const t = useT();
  const zones = useMemo(timeZones, []);
  const [open, setOpen] = useState(false);
  const [zone, setZone] = useState(timezone || browserTimeZone());
  // The text typed in the zone field; it shows the chosen zone until one types to search.
  const [zoneText, setZoneText] = useState(zoneLabel(zone));
  const initial = utcToZoned(scheduledAt ? new Date(scheduledAt) : new Date(Date.now() + 3_600_000), zone);
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const [isSaving, setSaving] = useState(false);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date) && /^\d{2}:\d{2}$/.test(time) && zones.includes(zone);

  const schedule = async () => {
    setSaving(true);
    try {
      await onSchedule(zonedToUtc(date, time, zone).toISOString(), zone);
      setOpen(false);
    } finally {
      setSaving(false);
    }
  };

  return (
    <ModalShell
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="secondary" startIcon={<Clock />} disabled={disabled}>
          {t('schedule.open', 'Schedule')}
        </Button>
      }
      title={t('schedule.title', 'Schedule the send')}
      actions={
        <Button disabled={!valid} loading={isSaving} onClick={schedule}>
          {t('schedule.confirm', 'Schedule')}
        </Button>
      }
    >
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex gap={4}>
          <TextField
            name="scheduleDate"
            type="date"
            label={t('schedule.date', 'Date')}
            value={date}
            onChange={setDate}
          />
          <TextField
            name="scheduleTime"
            type="time"
            label={t('schedule.time', 'Time')}
            value={time}
            onChange={setTime}
          />
        </Flex>
        <Field.Root name="timezone">
          <Field.Label>{t('schedule.timezone', 'Time zone')}</Field.Label>
          <Combobox
            value={zone}
            textValue={zoneText}
            onTextValueChange={setZoneText}
            onChange={(value) => {
              if (!value) return;
              setZone(String(value));
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
        <AudienceStatement audience={audience} />
      </Flex>
    </ModalShell>
  );
};
