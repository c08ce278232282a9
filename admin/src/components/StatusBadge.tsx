import { Status, Td, Typography } from '@strapi/design-system';
import { statusLabel, statusVariant, type AnyStatus } from '../utils/statusLabels';
import { useT } from '../utils/useT';

export const StatusBadge = ({ status }: { status: AnyStatus }) => {
  const t = useT();
  const variant = statusVariant(status);
  return (
    <Status variant={variant} size="S" data-status={status}>
      <Typography fontWeight="bold" textColor={`${variant}700` as const}>
        {statusLabel(t, status)}
      </Typography>
    </Status>
  );
};

/** A table cell holding a status badge. */
export const StatusCell = ({ status }: { status: AnyStatus }) => (
  <Td>
    <StatusBadge status={status} />
  </Td>
);
