import { Flex, Typography } from '@strapi/design-system';
import { useT } from '../../utils/useT';

const RADIUS = 34;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/** A ring showing `used` of `limit`; without a limit, just the count. */
export const UsageGauge = ({ label, used, limit }: { label: string; used: number; limit: number | null }) => {
  const t = useT();
  const share = limit ? Math.min(1, used / limit) : 0;
  const color = share >= 0.9 ? '#d02b20' : share >= 0.7 ? '#f29d41' : '#4945ff';
  return (
    <Flex
      direction="column"
      alignItems="center"
      gap={1}
      data-testid="usage-gauge"
      data-used={used}
      data-limit={limit ?? ''}
    >
      <svg width="88" height="88" viewBox="0 0 88 88" role="img" aria-label={`${label}: ${used} / ${limit ?? '∞'}`}>
        <circle cx="44" cy="44" r={RADIUS} fill="none" stroke="#eaeaef" strokeWidth="8" />
        {limit && used > 0 ? (
          <circle
            cx="44"
            cy="44"
            r={RADIUS}
            fill="none"
            stroke={color}
            strokeWidth="8"
            strokeDasharray={`${share * CIRCUMFERENCE} ${CIRCUMFERENCE}`}
            transform="rotate(-90 44 44)"
            strokeLinecap="round"
          />
        ) : null}
        <text x="44" y="49" textAnchor="middle" fontSize="15" fontWeight="600" fill="#32324d">
          {used}
        </text>
      </svg>
      <Typography variant="pi" fontWeight="bold">
        {label}
      </Typography>
      <Typography variant="pi" textColor="neutral600">
        {limit ? t('gauge.ofLimit', 'of {limit}', { limit }) : t('gauge.noLimit', 'no limit')}
      </Typography>
    </Flex>
  );
};
