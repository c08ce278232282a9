import type { ColumnNode } from '../../document/types';
import { useT } from '../../../utils/useT';
import { AttributeField } from '../fields/AttributeField';
import { ChoiceField } from '../fields/ChoiceField';
import { ColorField } from '../fields/ColorField';
import { InspectorFields } from '../fields/InspectorFields';
import type { BlockDefinition, BlockProps } from '../types';

/** The column's own look (background, padding); the shell sizes it with columnStyle and draws its blocks inside. */
const ColumnCanvas = ({ children }: BlockProps<ColumnNode>) => <div data-testid="column-canvas">{children}</div>;

const ColumnInspector = ({ node, onChange, context }: BlockProps<ColumnNode>) => {
  const t = useT();
  return (
    <InspectorFields>
      <AttributeField
        node={node}
        onChange={onChange}
        attribute="width"
        label={t('visual.block.columnWidth', 'Width')}
        placeholder={t('visual.block.columnWidthAuto', 'An equal share')}
        hint={t('visual.block.columnWidthHint', 'In % or px, for example 33% or 200px.')}
        disabled={context.readOnly}
      />
      <ColorField
        node={node}
        onChange={onChange}
        attribute="background-color"
        label={t('visual.block.background', 'Background colour')}
        fallback="#ffffff"
        disabled={context.readOnly}
      />
      <ChoiceField
        node={node}
        onChange={onChange}
        attribute="vertical-align"
        label={t('visual.block.verticalAlign', 'Vertical alignment')}
        placeholder={t('visual.block.alignTop', 'Top')}
        choices={[
          { value: 'top', label: t('visual.block.alignTop', 'Top') },
          { value: 'middle', label: t('visual.block.alignMiddle', 'Middle') },
          { value: 'bottom', label: t('visual.block.alignBottom', 'Bottom') },
        ]}
        disabled={context.readOnly}
      />
    </InspectorFields>
  );
};

export const columnBlock: BlockDefinition<ColumnNode> = {
  kind: 'column',
  Canvas: ColumnCanvas,
  Inspector: ColumnInspector,
};
