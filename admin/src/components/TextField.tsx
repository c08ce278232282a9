import { Field } from '@strapi/design-system';
import type { ReactNode } from 'react';

interface TextFieldProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  disabled?: boolean;
  type?: string;
  placeholder?: string;
}

/** A labelled text input; `name` doubles as the stable hook for tests. */
export const TextField = ({
  name,
  label,
  value,
  onChange,
  hint,
  error,
  required,
  disabled,
  type = 'text',
  placeholder,
}: TextFieldProps) => (
  <Field.Root name={name} hint={hint} error={error} required={required}>
    <Field.Label>{label}</Field.Label>
    <Field.Input
      type={type}
      value={value}
      placeholder={placeholder}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value)}
    />
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);
