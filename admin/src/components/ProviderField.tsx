import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import type { ProviderView } from '../../../server/src/contracts';
import { useT } from '../utils/useT';

interface ProviderFieldProps {
  value: string | null;
  onChange: (provider: string | null) => void;
  providers: ProviderView[];
  disabled?: boolean;
}

/** The provider that sends: the default one (named), or one chosen by name. */
export const ProviderField = ({ value, onChange, providers, disabled }: ProviderFieldProps) => {
  const t = useT();
  const defaultProvider = providers.find((provider) => provider.isDefault)?.name;
  return (
    <Field.Root name="provider">
      <Field.Label>{t('field.provider', 'Provider')}</Field.Label>
      <SingleSelect value={value ?? ''} onChange={(next) => onChange(next ? String(next) : null)} disabled={disabled}>
        <SingleSelectOption value="">
          {t('field.defaultProvider', 'Default ({name})', { name: defaultProvider ?? '—' })}
        </SingleSelectOption>
        {providers.map((provider) => (
          <SingleSelectOption key={provider.name} value={provider.name}>
            {provider.name}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );
};
