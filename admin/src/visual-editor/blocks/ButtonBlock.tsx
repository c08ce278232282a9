import { useMemo, type CSSProperties } from 'react';
import type { ButtonBlock as ButtonNode } from '../document/types';
import { TextField } from '../../components/TextField';
import { useT } from '../../utils/useT';
import { attributeOf } from './attributes';
import { AlignField } from './fields/AlignField';
import { attributeReader, inheritedFor } from './headAttributes';
import { AttributeField } from './fields/AttributeField';
import { ColorField } from './fields/ColorField';
import { InspectorFields } from './fields/InspectorFields';
import { safeHtml } from './safeHtml';
import type { BlockDefinition, BlockProps } from './types';

/** The button as mj-button draws it, with MJML's defaults (#414141, white, 3px corners, centred). */
const ButtonCanvas = ({ node, context }: BlockProps<ButtonNode>) => {
  const read = attributeReader(node, context.headAttributes);
  const label = useMemo(() => safeHtml(node.content).html, [node.content]);
  const button: CSSProperties = {
    display: 'inline-block',
    backgroundColor: read('background-color') ?? '#414141',
    color: read('color') ?? '#ffffff',
    borderRadius: read('border-radius') ?? '3px',
    padding: read('inner-padding') ?? '10px 25px',
    fontFamily: read('font-family') ?? 'Ubuntu, Helvetica, Arial, sans-serif',
    fontSize: read('font-size') ?? '13px',
    fontWeight: read('font-weight') ?? 'normal',
    lineHeight: read('line-height') ?? '120%',
    width: read('width'),
    border: read('border') ?? 'none',
  };
  return (
    <div
      style={{
        padding: read('padding') ?? '10px 25px',
        textAlign: (read('align') ?? 'center') as CSSProperties['textAlign'],
      }}
    >
      {/* The label is shown, never run: safeHtml keeps only inert markup. */}
      <span style={button} data-testid="button-canvas" dangerouslySetInnerHTML={{ __html: label }} />
    </div>
  );
};

const ButtonInspector = ({ node, onChange, context }: BlockProps<ButtonNode>) => {
  const t = useT();
  const disabled = context.readOnly;
  const inherited = inheritedFor(node, context.headAttributes);
  return (
    <InspectorFields>
      <TextField
        name="label"
        label={t('visual.block.buttonLabel', 'Label')}
        value={node.content}
        onChange={(content) => onChange({ ...node, content })}
        disabled={disabled}
      />
      <AttributeField
        node={node}
        onChange={onChange}
        attribute="href"
        label={t('visual.block.buttonHref', 'Link address')}
        placeholder="https://"
        error={
          attributeOf(node, 'href')?.replace(/^https?:\/\/$/, '')
            ? undefined
            : t('visual.block.noHref', 'Where does the button lead?')
        }
        disabled={disabled}
      />
      <ColorField
        node={node}
        onChange={onChange}
        attribute="background-color"
        label={t('visual.block.buttonBackground', 'Button colour')}
        fallback={inherited('background-color', '#414141')}
        disabled={disabled}
      />
      <ColorField
        node={node}
        onChange={onChange}
        attribute="color"
        label={t('visual.block.color', 'Text colour')}
        fallback={inherited('color', '#ffffff')}
        disabled={disabled}
      />
      <AttributeField
        node={node}
        onChange={onChange}
        attribute="border-radius"
        label={t('visual.block.borderRadius', 'Rounded corners')}
        placeholder={inherited('border-radius', '3px')}
        disabled={disabled}
      />
      <AlignField node={node} onChange={onChange} fallback="center" disabled={disabled} />
    </InspectorFields>
  );
};

export const buttonBlock: BlockDefinition<ButtonNode> = {
  kind: 'button',
  Canvas: ButtonCanvas,
  Inspector: ButtonInspector,
};
