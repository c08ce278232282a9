import type { Limits } from '../api/types';
import type { Translate } from './useT';

export const LIMIT_KEYS: Array<keyof Limits> = ['perSecond', 'perMinute', 'perHour', 'perDay'];

export function limitLabels(t: Translate): Record<keyof Limits, string> {
  return {
    perSecond: t('limits.perSecond', 'per second'),
    perMinute: t('limits.perMinute', 'per minute'),
    perHour: t('limits.perHour', 'per hour'),
    perDay: t('limits.perDay', 'per day'),
  };
}
