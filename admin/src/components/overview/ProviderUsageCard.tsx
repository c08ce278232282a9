import { Box, Button, Flex, Typography } from '@strapi/design-system';
import type { ProviderUsage } from '../../../../server/src/contracts';
import { useResumeProvider } from '../../api/overview';
import { usePermissions } from '../../hooks/usePermissions';
import { useWrite } from '../../hooks/useWrite';
import { useT } from '../../utils/useT';
import { ReputationRates } from './ReputationRates';
import { UsageGauge } from './UsageGauge';

export const ProviderUsageCard = ({ provider, onChange }: { provider: ProviderUsage; onChange: () => unknown }) => {
  const t = useT();
  const resume = useResumeProvider();
  const run = useWrite(onChange);
  const { canSendCampaigns } = usePermissions();
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
        <ReputationRates rates={provider.reputation} />
        {provider.pausedUntil ? (
          <Flex direction="column" alignItems="start" gap={2}>
            <Typography textColor="danger600" variant="pi">
              {t('provider.pausedUntil', 'Paused until {until}: {reason}', {
                until: new Date(provider.pausedUntil).toLocaleString(),
                reason: provider.pauseReason ?? '',
              })}
            </Typography>
            {canSendCampaigns ? (
              <Button
                size="S"
                variant="secondary"
                onClick={() => run(() => resume(provider.name), t('provider.resumed', 'Sending resumed'))}
              >
                {t('provider.resume', 'Resume sending')}
              </Button>
            ) : null}
          </Flex>
        ) : null}
      </Flex>
    </Box>
  );
};
