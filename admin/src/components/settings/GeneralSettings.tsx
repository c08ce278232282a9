import { Typography } from '@strapi/design-system';
import type { Settings } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { SectionCard } from '../SectionCard';

/** Values from config/plugins.js, shown read-only: they are changed there, with a restart. */
export const GeneralSettings = ({ general }: { general: Settings['general'] }) => {
  const t = useT();
  const rows = [
    {
      label: t('settings.publicUrl', 'Public URL (links in mail)'),
      value: general.publicUrl ?? t('settings.notSet', 'not set'),
    },
    {
      label: t('settings.cron', 'Sender schedule (cron)'),
      value: general.cron === false ? t('settings.cronOff', 'off (sends on demand only)') : general.cron,
    },
    { label: t('settings.batchSize', 'Batch size'), value: String(general.batchSize) },
    { label: t('settings.defaultProvider', 'Default provider'), value: general.defaultProvider },
  ];
  return (
    <SectionCard title={t('settings.general', 'Sending')} data-testid="general-settings">
      {rows.map((row) => (
        <Typography key={row.label}>
          <Typography fontWeight="bold">{row.label}:</Typography> {row.value}
        </Typography>
      ))}
      <Typography variant="pi" textColor="neutral600">
        {t(
          'settings.generalNote',
          'These come from config/plugins.js and are read-only here; change them there and restart Strapi.',
        )}
      </Typography>
    </SectionCard>
  );
};
