import { Button, Flex } from '@strapi/design-system';
import { useNavigate } from 'react-router-dom';
import type { CampaignBase, CampaignStatus } from '../../../../server/src/contracts';
import { useCampaignActions } from '../../api/campaigns';
import { usePermissions } from '../../hooks/usePermissions';
import { useNotify } from '../../hooks/useNotify';
import { useWrite } from '../../hooks/useWrite';
import { ROUTES } from '../../utils/routes';
import { useT } from '../../utils/useT';
import { ConfirmAction } from '../ConfirmAction';
import { ResendButton } from './ResendButton';

// The statuses each control starts from: ALLOWED_FROM in server/src/services/campaigns.ts.
const PAUSABLE: CampaignStatus[] = ['scheduled', 'testing', 'sending'];
const CANCELLABLE: CampaignStatus[] = ['scheduled', 'testing', 'sending', 'paused'];
const RESENDABLE: CampaignStatus[] = ['sending', 'paused', 'sent'];
const DELETABLE: CampaignStatus[] = ['draft', 'sent', 'cancelled'];

interface CampaignControlsProps {
  campaign: Pick<CampaignBase, 'id' | 'status'>;
  onChange: () => void;
}

/** The controls a campaign's status allows, shown only to users whose role may use them. */
export const CampaignControls = ({ campaign, onChange }: CampaignControlsProps) => {
  const t = useT();
  const navigate = useNavigate();
  const actions = useCampaignActions();
  const { success, failure } = useNotify();
  const { canWriteCampaigns, canSendCampaigns } = usePermissions();
  const { id, status } = campaign;
  const run = useWrite(onChange);

  const duplicate = async () => {
    try {
      const { data } = await actions.duplicate(id);
      success(t('controls.duplicated', 'Copy created'));
      navigate(ROUTES.campaign(data.id));
    } catch (error) {
      failure(error);
    }
  };

  // Pause and resume never show together: no status allows both.
  const pauseOrResume = PAUSABLE.includes(status)
    ? {
        label: t('controls.pause', 'Pause'),
        run: () => run(() => actions.pause(id), t('controls.paused', 'Campaign paused')),
      }
    : status === 'paused'
      ? {
          label: t('controls.resume', 'Resume'),
          run: () => run(() => actions.resume(id), t('controls.resumed', 'Campaign resumed')),
        }
      : null;

  return (
    <Flex gap={2} wrap="wrap">
      {canSendCampaigns && pauseOrResume && (
        <Button size="S" variant="secondary" onClick={pauseOrResume.run}>
          {pauseOrResume.label}
        </Button>
      )}
      {canSendCampaigns && CANCELLABLE.includes(status) && (
        <ConfirmAction
          label={t('controls.cancel', 'Cancel sending')}
          title={t('controls.cancelTitle', 'Cancel this campaign?')}
          message={t('controls.cancelMessage', 'Messages not yet sent will be skipped. This cannot be undone.')}
          onConfirm={() => run(() => actions.cancel(id), t('controls.cancelled', 'Campaign cancelled'))}
        />
      )}
      {canSendCampaigns && RESENDABLE.includes(status) && <ResendButton campaignId={id} onDone={onChange} />}
      {canWriteCampaigns && (
        <Button size="S" variant="tertiary" onClick={duplicate}>
          {t('controls.duplicate', 'Duplicate')}
        </Button>
      )}
      {canWriteCampaigns && DELETABLE.includes(status) && (
        <ConfirmAction
          label={t('controls.delete', 'Delete')}
          title={t('controls.deleteTitle', 'Delete this campaign?')}
          message={t('controls.deleteMessage', 'The campaign and its report will be deleted.')}
          onConfirm={() => run(() => actions.remove(id), t('controls.deleted', 'Campaign deleted'))}
        />
      )}
    </Flex>
  );
};
