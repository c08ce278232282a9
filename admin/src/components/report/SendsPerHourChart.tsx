import { Box, Typography } from '@strapi/design-system';
import type { Report } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';

const HEIGHT = 160;
const BAR_GAP = 4;
const MAX_BAR = 40;

/** Messages accepted per hour, as bars; hours without sends in between are shown empty. */
export const SendsPerHourChart = ({ timeline }: { timeline: Report['timeline'] }) => {
  const t = useT();
  if (timeline.length === 0) {
    return <Typography textColor="neutral600">{t('report.noSends', 'Nothing has been sent yet.')}</Typography>;
  }
  const first = new Date(timeline[0].hour).getTime();
  const last = new Date(timeline[timeline.length - 1].hour).getTime();
  const byHour = new Map(timeline.map((bucket) => [new Date(bucket.hour).getTime(), bucket.sent]));
  const hours = Array.from(
    { length: Math.min(168, Math.round((last - first) / 3_600_000) + 1) },
    (_, i) => first + i * 3_600_000,
  );
  const max = Math.max(...timeline.map((bucket) => bucket.sent));
  const bar = Math.min(MAX_BAR, Math.max(6, Math.floor(720 / hours.length) - BAR_GAP));
  const width = hours.length * (bar + BAR_GAP) + 40;

  return (
    <Box style={{ overflowX: 'auto' }}>
      <svg
        width={width}
        height={HEIGHT + 40}
        role="img"
        aria-label={t('report.chart', 'Sends per hour')}
        data-testid="sends-chart"
      >
        <line x1="30" y1={HEIGHT} x2={width} y2={HEIGHT} stroke="#dcdce4" />
        <text x="0" y="12" fontSize="10" fill="#666687">
          {max}
        </text>
        {hours.map((hour, index) => {
          const sent = byHour.get(hour) ?? 0;
          const height = max ? Math.max(sent ? 2 : 0, (sent / max) * (HEIGHT - 20)) : 0;
          const x = 34 + index * (bar + BAR_GAP);
          const label = new Date(hour).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit' });
          return (
            <g key={hour} data-testid="chart-bar" data-sent={sent}>
              <title>{`${label}: ${sent}`}</title>
              <rect x={x} y={HEIGHT - height} width={bar} height={height} fill="#4945ff" rx="2" />
              {hours.length <= 24 || index % Math.ceil(hours.length / 12) === 0 ? (
                <text x={x + bar / 2} y={HEIGHT + 14} fontSize="10" textAnchor="middle" fill="#666687">
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
