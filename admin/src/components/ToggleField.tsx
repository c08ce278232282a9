import { Field, Toggle } from '@strapi/design-system';
import { useT } from '../utils/useT';

/** A labelled yes/no switch. */
export const ToggleField = ({
  name,
  label,
  hint,
  checked,
  onChange,
  disabled = false,
}: {
  name: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}) => {
  const t = useT();
  return (
    <Field.Root name={name} hint={hint}>
      <Field.Label>{label}</Field.Label>
      <Toggle
        onLabel={t('toggle.yes', 'Yes')}
        offLabel={t('toggle.no', 'No')}
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
      <Field.Hint />
    </Field.Root>
  );
};
