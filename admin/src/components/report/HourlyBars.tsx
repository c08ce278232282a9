import { Box, Flex, Typography } from '@strapi/design-system';

const HEIGHT = 160;
const BAR_GAP = 4;
const MAX_BAR = 40;
const HOUR_MS = 3_600_000;
/** A week of hours at most: a longer history shows its first week. */
const MAX_HOURS = 168;

export interface HourlySeries {
  /** Names the `data-<key>` attribute of each hour's group, which tests read. */
  key: string;
  label: string;
  color: string;
}

export interface HourlyBucket {
  hour: string;
  /** One value per series, in the series' order. */
  values: number[];
}

/**
 * Values per UTC hour as bars, one per series side by side; hours without any in between are shown
 * empty. Plain SVG: the report's charts need no chart library.
 */
export const HourlyBars = ({
  buckets,
  series,
  label,
  testId,
}: {
  buckets: HourlyBucket[];
  series: HourlySeries[];
  label: string;
  testId: string;
}) => {
  const first = new Date(buckets[0].hour).getTime();
  const last = new Date(buckets[buckets.length - 1].hour).getTime();
  const byHour = new Map(buckets.map((bucket) => [new Date(bucket.hour).getTime(), bucket.values]));
  const hours = Array.from(
    { length: Math.min(MAX_HOURS, Math.round((last - first) / HOUR_MS) + 1) },
    (_, i) => first + i * HOUR_MS,
  );
  const max = Math.max(...buckets.flatMap((bucket) => bucket.values));
  const group = Math.min(MAX_BAR * series.length, Math.max(6, Math.floor(720 / hours.length) - BAR_GAP));
  const bar = group / series.length;
  const width = hours.length * (group + BAR_GAP) + 40;

  return (
    <Box style={{ overflowX: 'auto' }}>
      {series.length > 1 ? (
        <Flex gap={4} paddingBottom={2}>
          {series.map((one) => (
            <Flex key={one.key} gap={1}>
              <svg width="10" height="10" aria-hidden="true">
                <rect width="10" height="10" fill={one.color} rx="2" />
              </svg>
              <Typography variant="pi">{one.label}</Typography>
            </Flex>
          ))}
        </Flex>
      ) : null}
      <svg width={width} height={HEIGHT + 40} role="img" aria-label={label} data-testid={testId}>
        <line x1="30" y1={HEIGHT} x2={width} y2={HEIGHT} stroke="#dcdce4" />
        <text x="0" y="12" fontSize="10" fill="#666687">
          {max}
        </text>
        {hours.map((hour, index) => {
          const values = byHour.get(hour) ?? series.map(() => 0);
          const x = 34 + index * (group + BAR_GAP);
          const when = new Date(hour).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit' });
          const data = Object.fromEntries(series.map((one, i) => [`data-${one.key}`, values[i]]));
          return (
            <g key={hour} data-testid="chart-bar" {...data}>
              <title>{`${when}: ${series.map((one, i) => `${one.label} ${values[i]}`).join(', ')}`}</title>
              {series.map((one, i) => {
                const height = max ? Math.max(values[i] ? 2 : 0, (values[i] / max) * (HEIGHT - 20)) : 0;
                return (
                  <rect
                    key={one.key}
                    x={x + i * bar}
                    y={HEIGHT - height}
                    width={bar}
                    height={height}
                    fill={one.color}
                    rx="2"
                  />
                );
              })}
              {hours.length <= 24 || index % Math.ceil(hours.length / 12) === 0 ? (
                <text x={x + group / 2} y={HEIGHT + 14} fontSize="10" textAnchor="middle" fill="#666687">
                  {new Date(hour).toLocaleTimeString(undefined, { hour: '2-digit' })}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </Box>
  );
};
