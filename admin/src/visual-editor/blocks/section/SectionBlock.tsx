import type { SectionNode } from '../../document/types';
import { useT } from '../../../utils/useT';
import { ToggleField } from '../../../components/ToggleField';
import { attributeOf, withAttribute } from '../attributes';
import { AttributeField } from '../fields/AttributeField';
import { ColorField } from '../fields/ColorField';
import { InspectorFields } from '../fields/InspectorFields';
import type { BlockDefinition, BlockProps } from '../types';
import { sectionStyle } from './style';

/** The section's box; its columns come from the shell as children. */
const SectionCanvas = ({ node, context, children }: BlockProps<SectionNode>) => (
  <div style={sectionStyle(node, context.headAttributes)} data-testid="section-canvas">
    {children}
  </div>
);

const SectionInspector = ({ node, onChange, context }: BlockProps<SectionNode>) => {
  const t = useT();
  return (
    <InspectorFields>
      <ColorField
        node={node}
        onChange={onChange}
        attribute="background-color"
        label={t('visual.block.background', 'Background colour')}
        fallback="#ffffff"
        disabled={context.readOnly}
      />
      <AttributeField
        node={node}
        onChange={onChange}
        attribute="padding"
        label={t('visual.block.padding', 'Padding')}
        placeholder="20px 0"
        hint={t('visual.block.paddingHint', 'Top, right, bottom, left, like CSS: 20px 0 is 20 px above and below.')}
        disabled={context.readOnly}
      />
      <ToggleField
        name="full-width"
        label={t('visual.block.fullWidth', 'Full width')}
        hint={t('visual.block.fullWidthHint', 'The background runs to the edges of the window.')}
        checked={attributeOf(node, 'full-width') === 'full-width'}
        onChange={(checked) => onChange(withAttribute(node, 'full-width', checked ? 'full-width' : ''))}
        disabled={context.readOnly}
      />
    </InspectorFields>
  );
};

export const sectionBlock: BlockDefinition<SectionNode> = {
  kind: 'section',
  Canvas: SectionCanvas,
  Inspector: SectionInspector,
};
