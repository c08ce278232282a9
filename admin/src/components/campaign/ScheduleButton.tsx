import { Button, Combobox, ComboboxOption, Field, Flex, Modal } from '@strapi/design-system';
import { Clock } from '@strapi/icons';
import { useMemo, useState } from 'react';
import type { Audience } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { browserTimeZone, timeZones, utcToZoned, zoneLabel, zonedToUtc } from '../../utils/zonedTime';
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

  return (
    <Modal.Root open={open} onOpenChange={setOpen}>
      <Modal.Trigger>
        <Button variant="secondary" startIcon={<Clock />} disabled={disabled}>
          {t('schedule.open', 'Schedule')}
        </Button>
      </Modal.Trigger>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('schedule.title', 'Schedule the send')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
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
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('action.close', 'Close')}</Button>
          </Modal.Close>
          <Button
            disabled={!valid}
            loading={isSaving}
            onClick={async () => {
              setSaving(true);
              try {
                await onSchedule(zonedToUtc(date, time, zone).toISOString(), zone);
                setOpen(false);
              } finally {
                setSaving(false);
              }
            }}
          >
            {t('schedule.confirm', 'Schedule')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
