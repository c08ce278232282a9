import { Box, Button, Flex, Typography } from '@strapi/design-system';
import type { DomainCheckLine } from '../../../../server/src/contracts';
import { useProviderActions } from '../../api/settings';
import { useResultAction } from '../../hooks/useResultAction';
import { useT, type Translate } from '../../utils/useT';
import { CopyButton } from '../CopyButton';

const LINES = ['spf', 'dkim', 'dmarc'] as const;
const LABELS = { spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC' };
// Red for what is wrong or unreadable; amber for what is simply not there yet.
const COLOURS = {
  pass: 'success600',
  fail: 'danger600',
  error: 'danger600',
  missing: 'warning600',
  'not-configured': 'warning600',
} as const;

function statusText(t: Translate, status: DomainCheckLine['status']): string {
  return {
    pass: t('domain.pass', 'passes'),
    fail: t('domain.fail', 'does not pass'),
    missing: t('domain.missing', 'no record'),
    'not-configured': t('domain.notConfigured', 'not configured'),
    error: t('domain.error', 'could not be checked'),
  }[status];
}

/** SPF, DKIM and DMARC of the provider's From domain, each with the record to publish when it falls short. */
export const DomainCheckButton = ({ name }: { name: string }) => {
  const t = useT();
  const { checkDomain } = useProviderActions();
  const { isRunning, result, start } = useResultAction(() => checkDomain(name));
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Box>
        <Button size="S" variant="secondary" loading={isRunning} onClick={start}>
          {t('domain.check', 'Check the domain')}
        </Button>
      </Box>
      {result ? (
        <Flex direction="column" alignItems="stretch" gap={2} data-testid="domain-check">
          <Typography fontWeight="bold">
            {t('domain.title', 'DNS of {domain}', { domain: result.fromDomain })}
          </Typography>
          {LINES.map((key) => {
            const line = result[key];
            return (
              <Box key={key} data-testid={`domain-${key}`} data-status={line.status}>
                <Typography textColor={COLOURS[line.status]} fontWeight="bold">
                  {LABELS[key]}: {statusText(t, line.status)}
                </Typography>{' '}
                <Typography variant="pi" textColor="neutral600">
                  {line.message}
                </Typography>
                {line.fix && line.name ? (
                  <Flex gap={2} alignItems="center" wrap="wrap">
                    <Typography variant="pi">
                      {t('domain.publish', 'Publish a TXT record at {name}:', { name: line.name })}
                    </Typography>
                    <Typography
                      variant="pi"
                      style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
                      data-testid="domain-fix"
                    >
                      {line.fix}
                    </Typography>
                    <CopyButton value={line.fix} label={t('domain.copyFix', 'Copy record')} />
                  </Flex>
                ) : null}
              </Box>
            );
          })}
        </Flex>
      ) : null}
    </Flex>
  );
};
