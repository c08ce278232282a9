import { Flex, Loader, Typography } from '@strapi/design-system';
import type { LiveCount as LiveCountState } from '../../hooks/useLiveSegmentCount';
import { useT } from '../../utils/useT';

/** The people the rules select as they are now, or why the server refuses them. */
export const LiveCount = ({ count, error, isCounting }: LiveCountState) => {
  const t = useT();
  return (
    <Flex gap={2} alignItems="center" minHeight="2.4rem">
      {error ? (
        <Typography textColor="danger600" data-testid="segment-count-error">
          {error}
        </Typography>
      ) : (
        <Typography variant="omega" fontWeight="bold" data-testid="segment-count">
          {count === null
            ? t('segments.counting', 'Counting…')
            : t(
                'segments.count',
                '{count, plural, =0 {Nobody matches} one {# person matches} other {# people match}}',
                {
                  count,
                },
              )}
        </Typography>
      )}
      {isCounting ? <Loader small>{t('segments.counting', 'Counting…')}</Loader> : null}
    </Flex>
  );
};
