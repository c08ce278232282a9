import { Button, Checkbox, Flex, Modal, Typography } from '@strapi/design-system';
import { useState } from 'react';
import { useCampaignActions } from '../../api/campaigns';
import { useNotify } from '../../hooks/useNotify';
import { useT } from '../../utils/useT';

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

  return (
    <Modal.Root open={open} onOpenChange={setOpen}>
      <Modal.Trigger>
        <Button size="S" variant="secondary">
          {t('controls.resend', 'Re-send…')}
        </Button>
      </Modal.Trigger>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('resend.title', 'Re-send to failed or unknown recipients')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
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
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('action.close', 'Close')}</Button>
          </Modal.Close>
          <Button
            disabled={statuses.length === 0}
            onClick={async () => {
              try {
                const result = await actions.resend(campaignId, statuses);
                success(t('resend.done', '{count} message(s) queued again', { count: result.meta?.requeued ?? 0 }));
                setOpen(false);
                onDone();
              } catch (error) {
                failure(error);
              }
            }}
          >
            {t('resend.confirm', 'Re-send')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
