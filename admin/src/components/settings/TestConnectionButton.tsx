import { Button, Flex, Typography } from '@strapi/design-system';
import { useProviderActions } from '../../api/settings';
import { useResultAction } from '../../hooks/useResultAction';
import { useT } from '../../utils/useT';

/** Connects and authenticates with the saved settings and shows the server's answer, and whether the DKIM key signs. */
export const TestConnectionButton = ({ name }: { name: string }) => {
  const t = useT();
  const { test } = useProviderActions();
  const { isRunning, result, start } = useResultAction(() => test(name));
  return (
    <Flex gap={3} wrap="wrap">
      <Button size="S" variant="secondary" loading={isRunning} onClick={start}>
        {t('settings.test', 'Test connection')}
      </Button>
      {result ? (
        <Typography
          textColor={result.ok ? 'success600' : 'danger600'}
          data-testid="connection-result"
          data-ok={result.ok}
        >
          {result.ok
            ? t('settings.testOk', 'Server answered: {message}', { message: result.message })
            : t('settings.testFailed', 'Failed: {message}', { message: result.message })}
        </Typography>
      ) : null}
      {result?.dkim ? (
        <Typography
          textColor={result.dkim.ok ? 'success600' : 'danger600'}
          data-testid="dkim-result"
          data-ok={result.dkim.ok}
        >
          {result.dkim.ok
            ? t('settings.testDkimOk', 'DKIM: {message}', { message: result.dkim.message })
            : t('settings.testDkimFailed', 'DKIM will not sign: {message}', { message: result.dkim.message })}
        </Typography>
      ) : null}
    </Flex>
  );
};
