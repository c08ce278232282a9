import type { ProviderLimits } from '../../../server/src/contracts';
import type { Translate } from './useT';

export const LIMIT_KEYS: Array<keyof ProviderLimits> = ['perSecond', 'perMinute', 'perHour', 'perDay'];

export function limitLabels(t: Translate): Record<keyof ProviderLimits, string> {
  return {
    perSecond: t('limits.perSecond', 'per second'),
    perMinute: t('limits.perMinute', 'per minute'),
    perHour: t('limits.perHour', 'per hour'),
    perDay: t('limits.perDay', 'per day'),
  };
}
