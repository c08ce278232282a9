import type { StatusVariant } from '@strapi/design-system';
import type { CampaignStatus, DeliveryStatus, SubscriberStatus } from '../../../server/src/contracts';
import type { Translate } from './useT';

/** Any status the plugin shows: of a campaign, a delivery or a subscriber. */
export type AnyStatus = CampaignStatus | DeliveryStatus | SubscriberStatus;

const VARIANTS: Record<AnyStatus, StatusVariant> = {
  draft: 'neutral',
  scheduled: 'secondary',
  sending: 'primary',
  testing: 'secondary',
  paused: 'warning',
  sent: 'success',
  cancelled: 'neutral',
  queued: 'neutral',
  retry: 'warning',
  failed: 'danger',
  bounced: 'danger',
  unknown: 'warning',
  skipped: 'neutral',
  held: 'secondary',
  pending: 'secondary',
  subscribed: 'success',
  unsubscribed: 'neutral',
  complained: 'danger',
};

export const statusVariant = (status: AnyStatus): StatusVariant => VARIANTS[status] ?? 'neutral';

/** Status names in the admin's language. */
export function statusLabel(t: Translate, status: AnyStatus): string {
  const labels: Record<AnyStatus, string> = {
    draft: t('status.draft', 'Draft'),
    scheduled: t('status.scheduled', 'Scheduled'),
    sending: t('status.sending', 'Sending'),
    testing: t('status.testing', 'Testing subjects'),
    paused: t('status.paused', 'Paused'),
    sent: t('status.sent', 'Sent'),
    cancelled: t('status.cancelled', 'Cancelled'),
    queued: t('status.queued', 'Queued'),
    retry: t('status.retry', 'Retrying'),
    failed: t('status.failed', 'Failed'),
    bounced: t('status.bounced', 'Bounced'),
    unknown: t('status.unknown', 'Unknown'),
    skipped: t('status.skipped', 'Skipped'),
    held: t('status.held', 'Waiting for the winner'),
    pending: t('status.pending', 'Pending'),
    subscribed: t('status.subscribed', 'Subscribed'),
    unsubscribed: t('status.unsubscribed', 'Unsubscribed'),
    complained: t('status.complained', 'Complained'),
  };
  return labels[status] ?? status;
}
