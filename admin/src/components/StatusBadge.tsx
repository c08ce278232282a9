import { Status, Typography } from '@strapi/design-system';
import type { CampaignStatus, DeliveryStatus, SubscriberStatus } from '../api/types';
import { statusLabel, statusVariant } from '../utils/statusLabels';
import { useT } from '../utils/useT';

export const StatusBadge = ({ status }: { status: CampaignStatus | DeliveryStatus | SubscriberStatus }) => {
  const t = useT();
  return (
    <Status variant={statusVariant(status)} size="S" data-status={status}>
      <Typography fontWeight="bold" textColor={`${statusVariant(status)}700` as any}>
        {statusLabel(t, status)}
      </Typography>
    </Status>
  );
};
