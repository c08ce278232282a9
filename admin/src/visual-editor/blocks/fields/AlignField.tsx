import type { ElementParts } from '../../document/types';
import { useT } from '../../../utils/useT';
import { ChoiceField } from './ChoiceField';

/** `align`: left, center or right, as MJML's text, image, button, social and divider take it. */
export function AlignField<N extends ElementParts>({
  node,
  onChange,
  fallback,
  disabled,
}: {
  node: N;
  onChange: (next: N) => void;
  /** MJML's default for this kind. */
  fallback: 'left' | 'center';
  disabled?: boolean;
}) {
  const t = useT();
  const choices = [
    { value: 'left', label: t('visual.block.alignLeft', 'Left') },
    { value: 'center', label: t('visual.block.alignCenter', 'Centre') },
    { value: 'right', label: t('visual.block.alignRight', 'Right') },
  ];
  return (
    <ChoiceField
      node={node}
      onChange={onChange}
      attribute="align"
      label={t('visual.block.align', 'Alignment')}
      choices={choices}
      placeholder={choices.find((choice) => choice.value === fallback)?.label ?? fallback}
      disabled={disabled}
    />
  );
}
