import type { Translate } from '../../utils/useT';

/** The units a step's delay is typed in; the API takes minutes. */
export type DelayUnit = 'minutes' | 'hours' | 'days';

const MINUTES: Record<DelayUnit, number> = { minutes: 1, hours: 60, days: 24 * 60 };

export const toMinutes = (amount: number, unit: DelayUnit) => Math.round(amount * MINUTES[unit]);

/** The largest unit that divides the delay evenly: 2880 → 2 days, 90 → 90 minutes. */
export function fromMinutes(minutes: number): { amount: number; unit: DelayUnit } {
  if (minutes > 0 && minutes % MINUTES.days === 0) return { amount: minutes / MINUTES.days, unit: 'days' };
  if (minutes > 0 && minutes % MINUTES.hours === 0) return { amount: minutes / MINUTES.hours, unit: 'hours' };
  return { amount: minutes, unit: 'minutes' };
}

export function unitLabel(t: Translate, unit: DelayUnit): string {
  const labels: Record<DelayUnit, string> = {
    minutes: t('series.unit.minutes', 'minutes'),
    hours: t('series.unit.hours', 'hours'),
    days: t('series.unit.days', 'days'),
  };
  return labels[unit];
}

/** "At once", "After 2 days": a step's delay from the enrollment, said in its largest unit. */
export function delayText(t: Translate, minutes: number): string {
  if (minutes === 0) return t('series.atOnce', 'At once');
  const { amount, unit } = fromMinutes(minutes);
  if (unit === 'days') return t('series.afterDays', 'After {amount, plural, one {# day} other {# days}}', { amount });
  if (unit === 'hours')
    return t('series.afterHours', 'After {amount, plural, one {# hour} other {# hours}}', { amount });
  return t('series.afterMinutes', 'After {amount, plural, one {# minute} other {# minutes}}', { amount });
}
