import {
  Field,
  Grid,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  Textarea,
  Typography,
} from '@strapi/design-system';
import type { Dispatch, SetStateAction } from 'react';
import type { Preset, ProviderInput, ProviderLimits, ProviderView } from '../../../../server/src/contracts';
import { LIMIT_KEYS, limitLabels } from '../../utils/limitLabels';
import { useT } from '../../utils/useT';
import { EditModal } from '../EditModal';
import { TextField } from '../TextField';

interface ProviderModalProps {
  provider?: ProviderView;
  presets: Preset[];
  onSave: (input: ProviderInput) => Promise<boolean>;
  trigger: React.ReactNode;
}

/** The form's values: every field of the input but `clearPassword`, limits included. */
type ProviderValues = Required<Omit<ProviderInput, 'clearPassword' | 'limits'>> & { limits: ProviderLimits };

function initialInput(provider: ProviderView | undefined): ProviderValues {
  return {
    name: provider?.name ?? '',
    preset: provider?.preset ?? 'custom',
    host: provider?.host ?? '',
    port: provider?.port ?? 587,
    secure: provider?.secure ?? false,
    // null: the server's default (required off this machine); false only when turned off explicitly.
    requireTLS: provider && !provider.requireTLS ? false : null,
    user: provider?.user ?? '',
    password: '',
    from: provider?.from ?? '',
    replyTo: provider?.replyTo ?? '',
    maxConnections: provider?.maxConnections ?? 5,
    limits: provider?.limits ?? { perSecond: null, perMinute: null, perHour: null, perDay: null },
    dkim: provider?.dkim
      ? { domainName: provider.dkim.domainName, keySelector: provider.dkim.keySelector, privateKey: '' }
      : null,
  };
}

type Security = 'tls' | 'starttls' | 'plain';

/**
 * The security choices: implicit TLS, STARTTLS (required unless the host is this machine), or STARTTLS
 * only if the server offers it, which turns `requireTLS` off explicitly.
 */
const SECURITY: Record<Security, Pick<ProviderValues, 'secure' | 'requireTLS'>> = {
  tls: { secure: true, requireTLS: null },
  starttls: { secure: false, requireTLS: null },
  plain: { secure: false, requireTLS: false },
};

const securityOf = (input: ProviderValues): Security =>
  input.secure ? 'tls' : input.requireTLS === false ? 'plain' : 'starttls';

/** What the API takes: blanks become null, and a blank password keeps the saved one. */
function toPayload(input: ProviderValues): ProviderInput {
  const blank = (value: string | null) => (value && value.trim() ? value.trim() : null);
  return {
    ...input,
    host: blank(input.host),
    user: blank(input.user),
    password: input.password ? input.password : null,
    from: blank(input.from),
    replyTo: blank(input.replyTo),
    dkim:
      input.dkim && input.dkim.domainName.trim() ? { ...input.dkim, privateKey: input.dkim.privateKey || null } : null,
  };
}

/**
 * A provider added in the admin. The password is write-only: the form never receives it, and
 * leaving the field empty keeps the saved one.
 */
export const ProviderModal = ({ provider, presets, onSave, trigger }: ProviderModalProps) => {
  const t = useT();
  return (
    <EditModal<ProviderValues>
      title={provider ? t('settings.editProvider', 'Edit provider') : t('settings.addProvider', 'Add a provider')}
      trigger={trigger}
      initial={() => initialInput(provider)}
      canSave={(input) => Boolean(input.name.trim())}
      onSave={(input) => onSave(toPayload(input))}
    >
      {(input, setInput) => <ProviderFields provider={provider} presets={presets} input={input} setInput={setInput} />}
    </EditModal>
  );
};

interface ProviderFieldsProps {
  provider?: ProviderView;
  presets: Preset[];
  input: ProviderValues;
  setInput: Dispatch<SetStateAction<ProviderValues>>;
}

const ProviderFields = ({ provider, presets, input, setInput }: ProviderFieldsProps) => {
  const t = useT();
  const labels = limitLabels(t);
  const set = <K extends keyof ProviderValues>(field: K, value: ProviderValues[K]) =>
    setInput((current) => ({ ...current, [field]: value }));

  const applyPreset = (name: string) => {
    const preset = presets.find((candidate) => candidate.name === name);
    if (!preset) return;
    setInput((current) => ({
      ...current,
      preset: name,
      host: preset.host ?? current.host,
      port: preset.port ?? current.port,
      secure: preset.secure ?? current.secure,
      limits: { perSecond: null, perMinute: null, perHour: null, perDay: null, ...preset.limits },
    }));
  };

  return (
    <Grid.Root gap={4}>
      <Grid.Item col={6} direction="column" alignItems="stretch">
        <TextField
          name="providerName"
          label={t('field.name', 'Name')}
          required
          disabled={Boolean(provider)}
          value={input.name}
          onChange={(name) => set('name', name)}
        />
      </Grid.Item>
      <Grid.Item col={6} direction="column" alignItems="stretch">
        <Field.Root name="preset">
          <Field.Label>{t('settings.preset', 'Preset')}</Field.Label>
          <SingleSelect value={input.preset} onChange={(value) => applyPreset(String(value))}>
            {presets.map((preset) => (
              <SingleSelectOption key={preset.name} value={preset.name}>
                {preset.label}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={6} direction="column" alignItems="stretch">
        <TextField
          name="host"
          label={t('settings.host', 'Host')}
          value={input.host ?? ''}
          onChange={(host) => set('host', host)}
        />
      </Grid.Item>
      <Grid.Item col={3} direction="column" alignItems="stretch">
        <Field.Root name="port">
          <Field.Label>{t('settings.port', 'Port')}</Field.Label>
          <NumberInput value={input.port ?? undefined} onValueChange={(port) => set('port', port ?? null)} />
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={3} direction="column" alignItems="stretch">
        <Field.Root name="security">
          <Field.Label>{t('settings.security', 'Security')}</Field.Label>
          <SingleSelect
            value={securityOf(input)}
            onChange={(value) => setInput((current) => ({ ...current, ...SECURITY[value as Security] }))}
          >
            <SingleSelectOption value="tls">{t('settings.tls', 'TLS (port 465)')}</SingleSelectOption>
            <SingleSelectOption value="starttls">{t('settings.starttls', 'STARTTLS (port 587)')}</SingleSelectOption>
            <SingleSelectOption value="plain">
              {t('settings.starttlsOptional', 'STARTTLS if offered (this machine only)')}
            </SingleSelectOption>
          </SingleSelect>
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={6} direction="column" alignItems="stretch">
        <TextField
          name="user"
          label={t('settings.user', 'User')}
          value={input.user ?? ''}
          onChange={(user) => set('user', user)}
        />
      </Grid.Item>
      <Grid.Item col={6} direction="column" alignItems="stretch">
        <TextField
          name="password"
          type="password"
          label={t('settings.password', 'Password')}
          value={input.password ?? ''}
          onChange={(password) => set('password', password)}
          placeholder={provider?.hasPassword ? t('settings.passwordKept', 'Saved; type to replace it') : undefined}
          hint={t(
            'settings.passwordHintMoves',
            'Stored encrypted and never shown again. Changing the host, port, user or security removes it unless you type it again.',
          )}
        />
      </Grid.Item>
      <Grid.Item col={6} direction="column" alignItems="stretch">
        <TextField
          name="from"
          label={t('settings.from', 'From address')}
          placeholder="News <news@example.com>"
          value={input.from ?? ''}
          onChange={(from) => set('from', from)}
        />
      </Grid.Item>
      <Grid.Item col={6} direction="column" alignItems="stretch">
        <TextField
          name="replyTo"
          type="email"
          label={t('field.replyTo', 'Reply-to')}
          value={input.replyTo ?? ''}
          onChange={(replyTo) => set('replyTo', replyTo)}
        />
      </Grid.Item>
      <Grid.Item col={12}>
        <Typography variant="delta">{t('settings.limits', 'Limits (empty: none)')}</Typography>
      </Grid.Item>
      {LIMIT_KEYS.map((key) => (
        <Grid.Item key={key} col={3} direction="column" alignItems="stretch">
          <Field.Root name={`limit-${key}`}>
            <Field.Label>{labels[key]}</Field.Label>
            <NumberInput
              value={input.limits[key] ?? undefined}
              onValueChange={(value) => set('limits', { ...input.limits, [key]: value || null })}
            />
          </Field.Root>
        </Grid.Item>
      ))}
      <Grid.Item col={6} direction="column" alignItems="stretch">
        <Field.Root name="maxConnections">
          <Field.Label>{t('settings.maxConnections', 'Parallel connections')}</Field.Label>
          <NumberInput
            value={input.maxConnections ?? undefined}
            onValueChange={(value) => set('maxConnections', value ?? null)}
          />
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={12}>
        <Typography variant="delta">{t('settings.dkim', 'DKIM (optional)')}</Typography>
      </Grid.Item>
      <Grid.Item col={6} direction="column" alignItems="stretch">
        <TextField
          name="dkimDomain"
          label={t('settings.dkimDomain', 'Domain')}
          value={input.dkim?.domainName ?? ''}
          onChange={(domainName) => set('dkim', { keySelector: '', privateKey: '', ...input.dkim, domainName })}
        />
      </Grid.Item>
      <Grid.Item col={6} direction="column" alignItems="stretch">
        <TextField
          name="dkimSelector"
          label={t('settings.dkimSelector', 'Selector')}
          value={input.dkim?.keySelector ?? ''}
          onChange={(keySelector) => set('dkim', { domainName: '', privateKey: '', ...input.dkim, keySelector })}
        />
      </Grid.Item>
      <Grid.Item col={12} direction="column" alignItems="stretch">
        <Field.Root
          name="dkimKey"
          hint={t('settings.dkimKeyHint', 'PEM; stored encrypted and never shown again. Empty keeps the saved key.')}
        >
          <Field.Label>{t('settings.dkimKey', 'Private key')}</Field.Label>
          <Textarea
            value={input.dkim?.privateKey ?? ''}
            onChange={(event) =>
              set('dkim', { domainName: '', keySelector: '', ...input.dkim, privateKey: event.target.value })
            }
          />
          <Field.Hint />
        </Field.Root>
      </Grid.Item>
    </Grid.Root>
  );
};
