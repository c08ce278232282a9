import { Box } from '@strapi/design-system';

/** A thin horizontal bar filled to `percent`, green when full. */
export const Meter = ({ percent, label, width = '96px' }: { percent: number; label: string; width?: string }) => (
  <Box
    role="progressbar"
    aria-label={label}
    aria-valuemin={0}
    aria-valuemax={100}
    aria-valuenow={percent}
    width={width}
    height="8px"
    background="neutral200"
    hasRadius
    overflow="hidden"
  >
    <Box
      height="100%"
      background={percent >= 100 ? 'success500' : 'primary600'}
      style={{ width: `${percent}%`, transition: 'width 0.4s' }}
    />
  </Box>
);
