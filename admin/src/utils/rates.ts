import { useCallback } from 'react';
import { useIntl } from 'react-intl';

/** An unknown figure (a rate without messages sent, uniques in aggregate-only mode). */
export const UNKNOWN = '—';

/** `0.375` → "37.5%" in the admin's language; null → "—". */
export function useFormatRate() {
  const { formatNumber } = useIntl();
  return useCallback(
    (rate: number | null) =>
      rate === null ? UNKNOWN : formatNumber(rate, { style: 'percent', maximumFractionDigits: 1 }),
    [formatNumber],
  );
}

/** A count in the admin's language; null → "—". */
export function useFormatCount() {
  const { formatNumber } = useIntl();
  return useCallback((count: number | null) => (count === null ? UNKNOWN : formatNumber(count)), [formatNumber]);
}
