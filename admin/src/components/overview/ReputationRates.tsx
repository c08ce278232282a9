import { Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { ReputationRates as Rates } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';

/** Gmail and Yahoo ask bulk senders to keep spam complaints under 0.3 % (February 2024 rules). */
const GMAIL_SPAM_LINE = 0.003;

const COLOUR = { pause: 'danger600', warn: 'warning600' } as const;

/** A provider's bounce and complaint rates as the reputation circuit breaker judges them. */
export const ReputationRates = ({ rates }: { rates: Rates }) => {
  const t = useT();
  const { formatNumber } = useIntl();
  const pct = (rate: number) => formatNumber(rate, { style: 'percent', maximumFractionDigits: 2 });
  const { limits } = rates;
  const complaintColour =
    rates.complaintRate === null
      ? 'neutral600'
      : rates.complaintRate > limits.complaintPauseRate
        ? COLOUR.pause
        : rates.complaintRate > limits.complaintWarnRate
          ? COLOUR.warn
          : 'neutral800';
  const bounceColour = rates.bounceRate !== null && rates.bounceRate > limits.bounceRate ? COLOUR.pause : 'neutral800';
  return (
    <Flex direction="column" alignItems="stretch" gap={1} data-testid="reputation-rates" data-level={rates.level}>
      <Typography variant="pi" textColor={bounceColour}>
        {rates.bounceRate === null
          ? t('reputation.bouncesUnjudged', 'Hard bounces: judged from {min} messages ({sends} so far)', {
              min: limits.minSends,
              sends: rates.bounceSends,
            })
          : t('reputation.bounces', 'Hard bounces: {rate} of the last {sends} messages (pause above {limit})', {
              rate: pct(rates.bounceRate),
              sends: rates.bounceSends,
              limit: pct(limits.bounceRate),
            })}
      </Typography>
      <Typography variant="pi" textColor={complaintColour}>
        {rates.complaintRate === null
          ? t('reputation.complaintsUnjudged', 'Spam complaints: judged from {min} messages ({sends} so far)', {
              min: limits.minSends,
              sends: rates.complaintSends,
            })
          : t('reputation.complaints', 'Spam complaints: {rate} of {sends} recent messages (Gmail’s line: {line})', {
              rate: pct(rates.complaintRate),
              sends: rates.complaintSends,
              line: pct(GMAIL_SPAM_LINE),
            })}
      </Typography>
      {rates.level === 'warn' ? (
        <Typography variant="pi" textColor={COLOUR.warn}>
          {t('reputation.warning', 'Complaints are above the warning line of {warn}; sending pauses above {pause}.', {
            warn: pct(limits.complaintWarnRate),
            pause: pct(limits.complaintPauseRate),
          })}
        </Typography>
      ) : null}
    </Flex>
  );
};
