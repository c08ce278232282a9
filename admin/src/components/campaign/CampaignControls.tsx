import { Button, Flex } from '@strapi/design-system';
import { useNavigate } from 'react-router-dom';
import { useCampaignActions } from '../../api/campaigns';
import type { CampaignBase } from '../../../../server/src/contracts';
import { usePermissions } from '../../hooks/usePermissions';
import { useNotify } from '../../hooks/useNotify';
import { useWrite } from '../../hooks/useWrite';
import { ROUTES } from '../../utils/routes';
import { useT } from '../../utils/useT';
import { ConfirmAction } from '../ConfirmAction';
import { ResendButton } from './ResendButton';

/**
 * The controls a campaign's status allows (mirrors ALLOWED_FROM in server/src/services/campaigns.ts),
 * shown only to users whose role may use them.
 */
export const CampaignControls = ({
  campaign,
  onChange,
}: {
  campaign: Pick<CampaignBase, 'id' | 'status'>;
  onChange: () => void;
}) => {
  const t = useT();
  const navigate = useNavigate();
  const actions = useCampaignActions();
  const { success, failure } = useNotify();
  const { canWriteCampaigns, canSendCampaigns } = usePermissions();
  const { id, status } = campaign;

  const run = useWrite(onChange);

  return (
    <Flex gap={2} wrap="wrap">
      {canSendCampaigns && (status === 'scheduled' || status === 'sending') && (
        <Button
          size="S"
          variant="secondary"
          onClick={() => run(() => actions.pause(id), t('controls.paused', 'Campaign paused'))}
        >
          {t('controls.pause', 'Pause')}
        </Button>
      )}
      {canSendCampaigns && status === 'paused' && (
        <Button
          size="S"
          variant="secondary"
          onClick={() => run(() => actions.resume(id), t('controls.resumed', 'Campaign resumed'))}
        >
          {t('controls.resume', 'Resume')}
        </Button>
      )}
      {canSendCampaigns && ['scheduled', 'sending', 'paused'].includes(status) && (
        <ConfirmAction
          label={t('controls.cancel', 'Cancel sending')}
          title={t('controls.cancelTitle', 'Cancel this campaign?')}
          message={t('controls.cancelMessage', 'Messages not yet sent will be skipped. This cannot be undone.')}
          onConfirm={() => run(() => actions.cancel(id), t('controls.cancelled', 'Campaign cancelled'))}
        />
      )}
      {canSendCampaigns && ['sending', 'paused', 'sent'].includes(status) && (
        <ResendButton campaignId={id} onDone={onChange} />
      )}
      {canWriteCampaigns && (
        <Button
          size="S"
          variant="tertiary"
          onClick={async () => {
            try {
              const { data } = await actions.duplicate(id);
              success(t('controls.duplicated', 'Copy created'));
              navigate(ROUTES.campaign(data.id));
            } catch (error) {
              failure(error);
            }
          }}
        >
          {t('controls.duplicate', 'Duplicate')}
        </Button>
      )}
      {canWriteCampaigns && ['draft', 'sent', 'cancelled'].includes(status) && (
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
