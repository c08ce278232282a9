import { Button, Flex, Typography } from '@strapi/design-system';
import { useState } from 'react';
import { useProviderActions } from '../../api/settings';
import { useNotify } from '../../hooks/useNotify';
import { useT } from '../../utils/useT';

/** Connects and authenticates with the saved settings and shows the server's answer. */
export const TestConnectionButton = ({ name }: { name: string }) => {
  const t = useT();
  const { test } = useProviderActions();
  const { failure } = useNotify();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [isTesting, setTesting] = useState(false);
  return (
    <Flex gap={3}>
      <Button
        size="S"
        variant="secondary"
        loading={isTesting}
        onClick={async () => {
          setTesting(true);
          setResult(null);
          try {
            setResult(await test(name));
          } catch (error) {
            failure(error);
          } finally {
            setTesting(false);
          }
        }}
      >
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
    </Flex>
  );
};
