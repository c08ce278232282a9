import { Typography } from '@strapi/design-system';
import type { Settings } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { SectionCard } from '../SectionCard';

/** Which tracking applies on this site, from config/plugins.js: off, per person, or counts only. */
export const TrackingSettings = ({ tracking }: { tracking: Settings['tracking'] }) => {
  const t = useT();
  const state = !tracking.enabled
    ? t('settings.trackingOff', 'Off: no campaign tracks opens or clicks.')
    : tracking.aggregateOnly
      ? t(
          'settings.trackingAggregate',
          'On, aggregate only: campaigns that track count opens and clicks in total; no event names a person.',
        )
      : t(
          'settings.trackingPeople',
          'On, per person: campaigns set to track people record who opened and clicked, except people who opted out.',
        );
  return (
    <SectionCard title={t('settings.tracking', 'Open and click tracking')} data-testid="tracking-settings">
      <Typography>{state}</Typography>
      <Typography variant="pi" textColor="neutral600">
        {t(
          'settings.trackingNote',
          'Set in config/plugins.js (tracking.enabled, tracking.aggregateOnly); the README, "Privacy and tracking", says what each records.',
        )}
      </Typography>
    </SectionCard>
  );
};
