import { Box, Flex, Typography } from '@strapi/design-system';
import type { ProviderUsage } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { UsageGauge } from './UsageGauge';

export const ProviderUsageCard = ({ provider }: { provider: ProviderUsage }) => {
  const t = useT();
  return (
    <Box
      background="neutral0"
      padding={5}
      shadow="tableShadow"
      hasRadius
      data-testid={`provider-usage-${provider.name}`}
    >
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="delta" tag="h3">
          {provider.name}
          {provider.isDefault ? ` (${t('provider.default', 'default')})` : ''}
        </Typography>
        <Flex gap={6} justifyContent="center">
          <UsageGauge
            label={t('gauge.lastHour', 'Last hour')}
            used={provider.usage.perHour}
            limit={provider.limits.perHour}
          />
          <UsageGauge
            label={t('gauge.last24h', 'Last 24 hours')}
            used={provider.usage.perDay}
            limit={provider.limits.perDay}
          />
        </Flex>
        {provider.pausedUntil ? (
          <Typography textColor="danger600" variant="pi">
            {t('provider.pausedUntil', 'Paused until {until}: {reason}', {
              until: new Date(provider.pausedUntil).toLocaleString(),
              reason: provider.pauseReason ?? '',
            })}
          </Typography>
        ) : null}
      </Flex>
    </Box>
  );
};
