import { Button, Flex } from '@strapi/design-system';
import { useState } from 'react';
import { useCampaignActions } from '../../api/campaigns';
import { useAsyncAction } from '../../hooks/useAsyncAction';
import { useNotify } from '../../hooks/useNotify';
import { useT } from '../../utils/useT';
import { TextField } from '../TextField';

/** Sends the campaign as it is now to a few addresses, through the outbox like every mail. */
export const TestSendForm = ({ ensureSaved }: { ensureSaved: () => Promise<number | null> }) => {
  const t = useT();
  const actions = useCampaignActions();
  const { success } = useNotify();
  const { isRunning, run } = useAsyncAction();
  const [emails, setEmails] = useState('');
  const addresses = emails.split(/[\s,;]+/).filter(Boolean);

  const send = () =>
    run(async () => {
      const id = await ensureSaved();
      if (!id) return;
      await actions.test(id, addresses);
      success(
        t('test.sent', 'Test queued for {count, plural, one {# address} other {# addresses}}', {
          count: addresses.length,
        }),
      );
    });

  return (
    <Flex gap={2} alignItems="flex-end">
      <TextField
        name="testEmails"
        label={t('test.label', 'Send a test to')}
        placeholder="me@example.com, editor@example.com"
        value={emails}
        onChange={setEmails}
      />
      <Button variant="secondary" onClick={send} loading={isRunning} disabled={addresses.length === 0}>
        {t('test.send', 'Send test')}
      </Button>
    </Flex>
  );
};
