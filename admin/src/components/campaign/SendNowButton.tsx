import { Flex } from '@strapi/design-system';
import { PaperPlane } from '@strapi/icons';
import type { Audience } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { ConfirmAction } from '../ConfirmAction';
import { AudienceStatement } from './AudienceStatement';

export const SendNowButton = ({
  audience,
  onSend,
  disabled,
}: {
  audience: Audience | undefined;
  onSend: () => Promise<void>;
  disabled?: boolean;
}) => {
  const t = useT();
  return (
    <ConfirmAction
      label={t('send.now', 'Send now')}
      title={t('send.nowTitle', 'Send this campaign now?')}
      variant="default"
      size="M"
      confirmVariant="default"
      startIcon={<PaperPlane />}
      disabled={disabled}
      message={
        <Flex direction="column" gap={2}>
          <AudienceStatement audience={audience} />
        </Flex>
      }
      onConfirm={onSend}
    />
  );
};
