import type { DividerBlock as DividerNode } from '../document/types';
import { useT } from '../../utils/useT';
import { AttributeField } from './fields/AttributeField';
import { ChoiceField } from './fields/ChoiceField';
import { ColorField } from './fields/ColorField';
import { InspectorFields } from './fields/InspectorFields';
import { attributeReader, inheritedFor } from './headAttributes';
import type { BlockDefinition, BlockProps } from './types';

/** A line as mj-divider draws it (MJML's defaults: 4px solid #000000, padding 10px 25px). */
const DividerCanvas = ({ node, context }: BlockProps<DividerNode>) => {
  const read = attributeReader(node, context.headAttributes);
  return (
    <div style={{ padding: read('padding') ?? '10px 25px' }}>
      <div
        data-testid="divider-canvas"
        style={{
          borderTopWidth: read('border-width') ?? '4px',
          borderTopStyle: (read('border-style') ?? 'solid') as 'solid',
          borderTopColor: read('border-color') ?? '#000000',
          width: read('width') ?? '100%',
          margin: '0 auto',
        }}
      />
    </div>
  );
};

const DividerInspector = ({ node, onChange, context }: BlockProps<DividerNode>) => {
  const t = useT();
  const disabled = context.readOnly;
  const inherited = inheritedFor(node, context.headAttributes);
  return (
    <InspectorFields>
      <ColorField
        node={node}
        onChange={onChange}
        attribute="border-color"
        label={t('visual.block.lineColor', 'Line colour')}
        fallback={inherited('border-color', '#000000')}
        disabled={disabled}
      />
      <AttributeField
        node={node}
        onChange={onChange}
        attribute="border-width"
        label={t('visual.block.lineWidth', 'Thickness')}
        placeholder={inherited('border-width', '4px')}
        disabled={disabled}
      />
      <ChoiceField
        node={node}
        onChange={onChange}
        attribute="border-style"
        label={t('visual.block.lineStyle', 'Style')}
        placeholder={t('visual.block.lineSolid', 'Solid')}
        choices={[
          { value: 'solid', label: t('visual.block.lineSolid', 'Solid') },
          { value: 'dashed', label: t('visual.block.lineDashed', 'Dashed') },
          { value: 'dotted', label: t('visual.block.lineDotted', 'Dotted') },
        ]}
        disabled={disabled}
      />
      <AttributeField
        node={node}
        onChange={onChange}
        attribute="padding"
        label={t('visual.block.padding', 'Padding')}
        placeholder={inherited('padding', '10px 25px')}
        disabled={disabled}
      />
    </InspectorFields>
  );
};

export const dividerBlock: BlockDefinition<DividerNode> = {
  kind: 'divider',
  Canvas: DividerCanvas,
  Inspector: DividerInspector,
};
