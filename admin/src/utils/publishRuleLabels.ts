import type { PublishRule, PublishRecord } from '../../../server/src/contracts';
import type { Translate } from './useT';

/** What a rule does, in a few words: "Each entry · draft for review", "Weekly digest, 09:00 Europe/Paris". */
export function describeMode(t: Translate, rule: PublishRule): string {
  if (rule.mode === 'each') {
    if (rule.eachAction === 'send') return t('rules.summaryEachSend', 'Each entry · sent at once');
    if (rule.eachAction === 'delay')
      return t('rules.summaryEachDelay', 'Each entry · sent {minutes} min after', { minutes: rule.delayMinutes ?? 0 });
    return t('rules.summaryEachDraft', 'Each entry · draft for review');
  }
  const at = { time: rule.digest?.time ?? '', zone: rule.digest?.timezone ?? '' };
  if (rule.digest?.frequency === 'daily') return t('rules.summaryDaily', 'Daily digest, {time} {zone}', at);
  if (rule.digest?.frequency === 'monthly')
    return t('rules.summaryMonthly', 'Monthly digest, day {day} at {time} {zone}', {
      ...at,
      day: rule.digest.dayOfMonth ?? 1,
    });
  return t('rules.summaryWeekly', 'Weekly digest, {day} at {time} {zone}', {
    ...at,
    day: weekdayName(rule.digest?.weekday ?? 1),
  });
}

/** Weekday 1 (Monday) … 7 (Sunday) by name; 2024-01-01 was a Monday. */
export const weekdayName = (weekday: number) =>
  new Date(Date.UTC(2024, 0, weekday, 12)).toLocaleDateString(undefined, { weekday: 'long', timeZone: 'UTC' });

/** A recorded entry's state in the admin's language. */
export function recordStateLabel(t: Translate, state: PublishRecord['state']): string {
  const labels: Record<PublishRecord['state'], string> = {
    pending: t('rules.recordPending', 'Waiting'),
    sent: t('rules.recordSent', 'In a campaign'),
    held: t('rules.recordHeld', 'In a draft campaign'),
    dropped: t('rules.recordDropped', 'Dropped: unpublished or deleted first'),
    preexisting: t('rules.recordPreexisting', 'Published before the rule began'),
  };
  return labels[state] ?? state;
}

/** A date and time as the admin's locale writes it. */
export const dateTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
