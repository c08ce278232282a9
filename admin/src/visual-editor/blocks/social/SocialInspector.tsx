import { Button, Flex, IconButton, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { createSocialElement, type SocialBlock, type SocialElement } from '../../document';
import { TextField } from '../../../components/TextField';
import { useT } from '../../../utils/useT';
import { attributeOf, withAttribute } from '../attributes';
import { AlignField } from '../fields/AlignField';
import { AttributeField } from '../fields/AttributeField';
import { ChoiceField } from '../fields/ChoiceField';
import { InspectorFields } from '../fields/InspectorFields';
import type { BlockProps } from '../types';
import { NETWORKS, linkName, networkKey } from './networks';

/** The links (network, address, remove, add) and how they are laid out. */
export const SocialInspector = ({ node, onChange, context }: BlockProps<SocialBlock>) => {
  const t = useT();
  const disabled = context.readOnly;
  const replace = (id: string, next: SocialElement | null) =>
    onChange({
      ...node,
      children: next
        ? node.children.map((child) => (child.id === id ? next : child))
        : node.children.filter((child) => child.id !== id),
    });
  const elements = node.children.filter((child): child is SocialElement => child.kind === 'social-element');

  return (
    <InspectorFields>
      {elements.map((element, index) => {
        const name = attributeOf(element, 'name') ?? '';
        const key = networkKey(name);
        return (
          <Flex key={element.id} direction="column" alignItems="stretch" gap={2} data-testid="social-element">
            <Flex justifyContent="space-between">
              <Typography variant="sigma">
                {t('visual.block.socialLink', 'Link {number}', { number: index + 1 })}
              </Typography>
              <IconButton
                label={t('visual.block.socialRemove', 'Remove link {number}', { number: index + 1 })}
                disabled={disabled}
                onClick={() => replace(element.id, null)}
              >
                <Trash />
              </IconButton>
            </Flex>
            <SingleSelect
              aria-label={t('visual.block.socialNetwork', 'Network')}
              value={key in NETWORKS ? key : undefined}
              placeholder={name || t('visual.block.socialNetwork', 'Network')}
              disabled={disabled}
              onChange={(value: string | number) =>
                replace(element.id, withAttribute(element, 'name', linkName(String(value))))
              }
            >
              {Object.entries(NETWORKS).map(([value, network]) => (
                <SingleSelectOption key={value} value={value}>
                  {network.label}
                </SingleSelectOption>
              ))}
            </SingleSelect>
            <TextField
              name={`socialHref${index}`}
              label={t('visual.block.socialHref', 'Address')}
              value={attributeOf(element, 'href') ?? ''}
              placeholder="https://"
              disabled={disabled}
              onChange={(href) => replace(element.id, withAttribute(element, 'href', href))}
            />
          </Flex>
        );
      })}
      <Button
        variant="secondary"
        startIcon={<Plus />}
        disabled={disabled}
        onClick={() => onChange({ ...node, children: [...node.children, createSocialElement(linkName('facebook'))] })}
      >
        {t('visual.block.socialAdd', 'Add a link')}
      </Button>
      <AttributeField
        node={node}
        onChange={onChange}
        attribute="icon-size"
        label={t('visual.block.socialIconSize', 'Icon size')}
        placeholder="20px"
        disabled={disabled}
      />
      <ChoiceField
        node={node}
        onChange={onChange}
        attribute="mode"
        label={t('visual.block.socialMode', 'Layout')}
        placeholder={t('visual.block.socialHorizontal', 'In a row')}
        choices={[
          { value: 'horizontal', label: t('visual.block.socialHorizontal', 'In a row') },
          { value: 'vertical', label: t('visual.block.socialVertical', 'One under the other') },
        ]}
        disabled={disabled}
      />
      <AlignField node={node} onChange={onChange} fallback="center" disabled={disabled} />
    </InspectorFields>
  );
};
