import type { SpacerBlock as SpacerNode } from '../document/types';
import { useT } from '../../utils/useT';
import { attributeReader } from './headAttributes';
import { AttributeField } from './fields/AttributeField';
import { InspectorFields } from './fields/InspectorFields';
import type { BlockDefinition, BlockProps } from './types';

/** Empty space of its height (MJML's default 20px); a faint outline keeps it findable on the canvas. */
const SpacerCanvas = ({ node, context }: BlockProps<SpacerNode>) => (
  <div
    data-testid="spacer-canvas"
    style={{
      height: attributeReader(node, context.headAttributes)('height') ?? '20px',
      outline: '1px dashed rgba(128, 128, 128, 0.35)',
    }}
  />
);

const SpacerInspector = ({ node, onChange, context }: BlockProps<SpacerNode>) => {
  const t = useT();
  return (
    <InspectorFields>
      <AttributeField
        node={node}
        onChange={onChange}
        attribute="height"
        label={t('visual.block.height', 'Height')}
        placeholder="20px"
        disabled={context.readOnly}
      />
    </InspectorFields>
  );
};

export const spacerBlock: BlockDefinition<SpacerNode> = {
  kind: 'spacer',
  Canvas: SpacerCanvas,
  Inspector: SpacerInspector,
};
