import { Typography } from '@strapi/design-system';
import type { Preset, ProviderInput, ProviderView } from '../../../../server/src/contracts';
import { LIMIT_KEYS, limitLabels } from '../../utils/limitLabels';
import { useT } from '../../utils/useT';
import { EditAndDeleteActions } from '../EditAndDeleteActions';
import { SectionCard } from '../SectionCard';
import { ProviderModal } from './ProviderModal';
import { DomainCheckButton } from './DomainCheckButton';
import { TestConnectionButton } from './TestConnectionButton';

interface ProviderCardProps {
  provider: ProviderView;
  presets: Preset[];
  onSave: (input: ProviderInput) => Promise<boolean>;
  onRemove: () => Promise<unknown>;
}

export const ProviderCard = ({ provider, presets, onSave, onRemove }: ProviderCardProps) => {
  const t = useT();
  const labels = limitLabels(t);
  const limits = LIMIT_KEYS.filter((key) => provider.limits[key])
    .map((key) => `${provider.limits[key]} ${labels[key]}`)
    .join(', ');
  return (
    <SectionCard
      title={`${provider.name}${provider.isDefault ? ` (${t('provider.default', 'default')})` : ''}`}
      data-testid={`provider-${provider.name}`}
      actions={
        provider.source === 'settings' ? (
          <EditAndDeleteActions
            editModal={(trigger) => (
              <ProviderModal provider={provider} presets={presets} onSave={onSave} trigger={trigger} />
            )}
            deleteTitle={t('settings.deleteTitle', 'Delete the provider {name}?', { name: provider.name })}
            deleteMessage={t(
              'settings.deleteMessage',
              'Campaigns that name it can no longer be sent until you choose another provider.',
            )}
            onDelete={onRemove}
          />
        ) : null
      }
    >
      <Typography>
        {provider.host}:{provider.port} · {provider.secure ? 'TLS' : 'STARTTLS'} · {provider.preset}
      </Typography>
      <Typography textColor="neutral600">
        {t('settings.userLine', 'User: {user} · password: {password}', {
          user: provider.user ?? '—',
          password: provider.hasPassword ? t('settings.passwordSet', 'set') : t('settings.passwordNotSet', 'not set'),
        })}
      </Typography>
      <Typography textColor="neutral600">
        {t('settings.limitsLine', 'Limits: {limits}', { limits: limits || t('gauge.noLimit', 'no limit') })}
      </Typography>
      {provider.source === 'config' ? (
        <Typography textColor="neutral600" variant="pi">
          {t('settings.fromConfig', 'Defined in config/plugins.js: edit it there.')}
        </Typography>
      ) : null}
      <TestConnectionButton name={provider.name} />
      <DomainCheckButton name={provider.name} />
    </SectionCard>
  );
};
