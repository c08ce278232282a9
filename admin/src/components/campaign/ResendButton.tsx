import { Button, Checkbox, Flex, Typography } from '@strapi/design-system';
import { useState } from 'react';
import { useCampaignActions } from '../../api/campaigns';
import { useNotify } from '../../hooks/useNotify';
import { useT } from '../../utils/useT';
import { ModalShell } from '../ModalShell';

type Resendable = 'failed' | 'unknown';

/**
 * The explicit re-send of rows that failed or whose fate is unknown: the only way a message
 * can go to someone twice, so the dialog says so.
 */
export const ResendButton = ({ campaignId, onDone }: { campaignId: number; onDone: () => void }) => {
  const t = useT();
  const actions = useCampaignActions();
  const { success, failure } = useNotify();
  const [open, setOpen] = useState(false);
  const [statuses, setStatuses] = useState<Resendable[]>(['failed']);
  const toggle = (status: Resendable, checked: boolean) =>
    setStatuses((current) => (checked ? [...new Set([...current, status])] : current.filter((s) => s !== status)));

  const resend = async () => {
    try {
      const result = await actions.resend(campaignId, statuses);
      success(t('resend.done', '{count} message(s) queued again', { count: result.meta.requeued }));
      setOpen(false);
      onDone();
    } catch (error) {
      failure(error);
    }
  };

  return (
    <ModalShell
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button size="S" variant="secondary">
          {t('controls.resend', 'Re-send…')}
        </Button>
      }
      title={t('resend.title', 'Re-send to failed or unknown recipients')}
      actions={
        <Button disabled={statuses.length === 0} onClick={resend}>
          {t('resend.confirm', 'Re-send')}
        </Button>
      }
    >
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography>
          {t(
            'resend.warning',
            'A message whose fate is unknown may have arrived already: re-sending it can deliver it twice.',
          )}
        </Typography>
        <Checkbox
          checked={statuses.includes('failed')}
          onCheckedChange={(checked) => toggle('failed', checked === true)}
        >
          {t('resend.failed', 'Failed')}
        </Checkbox>
        <Checkbox
          checked={statuses.includes('unknown')}
          onCheckedChange={(checked) => toggle('unknown', checked === true)}
        >
          {t('resend.unknown', 'Unknown')}
        </Checkbox>
      </Flex>
    </ModalShell>
  );
};
