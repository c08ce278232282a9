import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { getTranslation } from './getTranslation';

type Values = Record<string, string | number | boolean | null | undefined | Date>;

/**
 * `t('campaigns.title', 'Campaigns')`: every string of the plugin goes through react-intl with
 * its English text beside the key, which also keeps translations/en.json in step (see
 * test/e2e/translations.test.ts).
 */
export function useT() {
  const { formatMessage } = useIntl();
  return useCallback(
    (id: string, defaultMessage: string, values?: Values) =>
      formatMessage({ id: getTranslation(id), defaultMessage }, values) as string,
    [formatMessage],
  );
}

export type Translate = ReturnType<typeof useT>;
