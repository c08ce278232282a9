import { Typography } from '@strapi/design-system';
import type { TextBlock } from '../../document/types';
import { useT } from '../../../utils/useT';
import { AlignField } from '../fields/AlignField';
import { AttributeField } from '../fields/AttributeField';
import { ChoiceField } from '../fields/ChoiceField';
import { ColorField } from '../fields/ColorField';
import { InspectorFields } from '../fields/InspectorFields';
import { inheritedFor } from '../headAttributes';
import type { BlockProps } from '../types';
import { TextToolbar } from './TextToolbar';

export const TextInspector = ({ node, onChange, context }: BlockProps<TextBlock>) => {
  const t = useT();
  const disabled = context.readOnly;
  const inherited = inheritedFor(node, context.headAttributes);
  return (
    <InspectorFields>
      <TextToolbar id={node.id} disabled={disabled} />
      <Typography variant="pi" textColor="neutral600">
        {t('visual.block.textHelp', 'Select words in the text on the left, then choose a format.')}
      </Typography>
      <AttributeField
        node={node}
        onChange={onChange}
        attribute="font-size"
        label={t('visual.block.fontSize', 'Font size')}
        placeholder={inherited('font-size', '13px')}
        disabled={disabled}
      />
      <ColorField
        node={node}
        onChange={onChange}
        attribute="color"
        label={t('visual.block.color', 'Text colour')}
        fallback={inherited('color', '#000000')}
        disabled={disabled}
      />
      <ChoiceField
        node={node}
        onChange={onChange}
        attribute="font-weight"
        label={t('visual.block.fontWeight', 'Weight')}
        placeholder={t('visual.block.fontWeightNormal', 'Normal')}
        choices={[
          { value: 'normal', label: t('visual.block.fontWeightNormal', 'Normal') },
          { value: 'bold', label: t('visual.block.fontWeightBold', 'Bold') },
        ]}
        disabled={disabled}
      />
      <AlignField node={node} onChange={onChange} fallback="left" disabled={disabled} />
      <AttributeField
        node={node}
        onChange={onChange}
        attribute="line-height"
        label={t('visual.block.lineHeight', 'Line height')}
        placeholder={inherited('line-height', '1')}
        disabled={disabled}
      />
    </InspectorFields>
  );
};
