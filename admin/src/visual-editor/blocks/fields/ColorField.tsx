import { Field, Flex } from '@strapi/design-system';
import type { ChangeEvent } from 'react';
import type { ElementParts } from '../../document/types';
import { attributeOf, withAttribute } from '../attributes';

const SIX_DIGITS = /^#[0-9a-f]{6}$/i;
const THREE_DIGITS = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i;

/** The browser's colour input takes `#rrggbb` only; `#abc` is widened, names and Liquid are not shown in it. */
function asSixDigits(value: string | undefined): string | null {
  if (!value) return null;
  if (SIX_DIGITS.test(value)) return value;
  const short = THREE_DIGITS.exec(value);
  return short ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}` : null;
}

interface ColorFieldProps<N extends ElementParts> {
  node: N;
  onChange: (next: N) => void;
  attribute: string;
  label: string;
  /** MJML's default colour for this attribute. */
  fallback: string;
  disabled?: boolean;
}

/** A colour attribute: the browser's colour chooser beside the value as written (any CSS colour, or Liquid). */
export function ColorField<N extends ElementParts>({
  node,
  onChange,
  attribute,
  label,
  fallback,
  disabled,
}: ColorFieldProps<N>) {
  const value = attributeOf(node, attribute) ?? '';
  const set = (next: string) => onChange(withAttribute(node, attribute, next));
  return (
    <Field.Root name={attribute}>
      <Field.Label>{label}</Field.Label>
      <Flex gap={2}>
        <input
          type="color"
          aria-label={label}
          value={asSixDigits(value) ?? asSixDigits(fallback) ?? '#000000'}
          disabled={disabled}
          onChange={(event) => set(event.target.value)}
          style={{ width: 40, height: 40, padding: 0, border: 'none', background: 'none', flexShrink: 0 }}
        />
        <Field.Input
          value={value}
          placeholder={fallback}
          disabled={disabled}
          onChange={(event: ChangeEvent<HTMLInputElement>) => set(event.target.value)}
        />
      </Flex>
    </Field.Root>
  );
}
