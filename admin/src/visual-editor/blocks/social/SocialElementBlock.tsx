import type { SocialElement } from '../../document/types';
import { useT } from '../../../utils/useT';
import { attributeOf, attributeText } from '../attributes';
import { AttributeField } from '../fields/AttributeField';
import { ChoiceField } from '../fields/ChoiceField';
import { InspectorFields } from '../fields/InspectorFields';
import type { BlockDefinition, BlockProps } from '../types';
import { NETWORKS, linkName, networkOf } from './networks';

/** One network's link, when the shell shows a social block's elements on their own. */
const SocialElementCanvas = ({ node }: BlockProps<SocialElement>) => {
  const name = attributeOf(node, 'name');
  const network = networkOf(name);
  return (
    <span style={{ backgroundColor: network?.color ?? '#888888', color: '#ffffff', padding: '2px 8px' }}>
      {attributeText(node.content.trim()) || network?.label || name}
    </span>
  );
};

const SocialElementInspector = ({ node, onChange, context }: BlockProps<SocialElement>) => {
  const t = useT();
  return (
    <InspectorFields>
      <ChoiceField
        node={node}
        onChange={onChange}
        attribute="name"
        label={t('visual.block.socialNetwork', 'Network')}
        placeholder={attributeOf(node, 'name') ?? ''}
        choices={Object.entries(NETWORKS).map(([key, network]) => ({ value: linkName(key), label: network.label }))}
        disabled={context.readOnly}
      />
      <AttributeField
        node={node}
        onChange={onChange}
        attribute="href"
        label={t('visual.block.socialHref', 'Address')}
        placeholder="https://"
        disabled={context.readOnly}
      />
    </InspectorFields>
  );
};

export const socialElementBlock: BlockDefinition<SocialElement> = {
  kind: 'social-element',
  Canvas: SocialElementCanvas,
  Inspector: SocialElementInspector,
};
