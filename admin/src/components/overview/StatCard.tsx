import { Box, Typography } from '@strapi/design-system';

export const StatCard = ({ label, value, testId }: { label: string; value: number; testId: string }) => (
  <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
    <Typography variant="omega" textColor="neutral600">
      {label}
    </Typography>
    <Typography variant="alpha" tag="p" data-testid={testId}>
      {value}
    </Typography>
  </Box>
);
