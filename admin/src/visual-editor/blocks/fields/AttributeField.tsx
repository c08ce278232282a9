import type { ElementParts } from '../../document/types';
import { TextField } from '../../../components/TextField';
import { attributeOf, withAttribute } from '../attributes';

export interface AttributeFieldProps<N extends ElementParts> {
  node: N;
  onChange: (next: N) => void;
  /** The MJML attribute edited, e.g. `href`; also the input's name. */
  attribute: string;
  label: string;
  /** What applies when the attribute is left out (MJML's default), shown as the placeholder. */
  placeholder?: string;
  hint?: string;
  error?: string;
  disabled?: boolean;
}

/** A text input bound to one attribute, as written in the source; emptied, the attribute goes. */
export function AttributeField<N extends ElementParts>({
  node,
  onChange,
  attribute,
  label,
  placeholder,
  hint,
  error,
  disabled,
}: AttributeFieldProps<N>) {
  return (
    <TextField
      name={attribute}
      label={label}
      value={attributeOf(node, attribute) ?? ''}
      onChange={(value) => onChange(withAttribute(node, attribute, value))}
      placeholder={placeholder}
      hint={hint}
      error={error}
      disabled={disabled}
    />
  );
}
