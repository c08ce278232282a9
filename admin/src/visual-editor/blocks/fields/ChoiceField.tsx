import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import type { ElementParts } from '../../document/types';
import { attributeOf, withAttribute } from '../attributes';

export interface Choice {
  value: string;
  label: string;
}

interface ChoiceFieldProps<N extends ElementParts> {
  node: N;
  onChange: (next: N) => void;
  attribute: string;
  label: string;
  choices: Choice[];
  /** Shown when the attribute is left out: MJML's default applies. */
  placeholder: string;
  disabled?: boolean;
}

/**
 * One of a few values for an attribute. A value written by hand that is not among them (Liquid, an odd
 * unit) stays in the source and shows as the placeholder until another is chosen.
 */
export function ChoiceField<N extends ElementParts>({
  node,
  onChange,
  attribute,
  label,
  choices,
  placeholder,
  disabled,
}: ChoiceFieldProps<N>) {
  const value = attributeOf(node, attribute);
  const known = choices.some((choice) => choice.value === value);
  return (
    <Field.Root name={attribute}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect
        aria-label={label}
        value={known ? value : undefined}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(next: string | number) => onChange(withAttribute(node, attribute, String(next)))}
      >
        {choices.map((choice) => (
          <SingleSelectOption key={choice.value} value={choice.value}>
            {choice.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );
}
