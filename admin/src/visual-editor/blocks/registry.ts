/**
 * Each node kind's canvas look and side panel (docs/architecture.md, "Visual editor"), and what the
 * palette offers. The shell asks `definitionFor(node.kind)` and never knows a kind's details.
 */
import type { AnyNode, NodeKind } from '../document/types';
import { buttonBlock } from './ButtonBlock';
import { dividerBlock } from './DividerBlock';
import { entriesBlock } from './entries';
import { imageBlock } from './image';
import { rawBlock } from './RawBlock';
import { columnBlock } from './section/ColumnBlock';
import { sectionBlock } from './section/SectionBlock';
import { socialBlock } from './social';
import { socialElementBlock } from './social/SocialElementBlock';
import { spacerBlock } from './SpacerBlock';
import { textBlock } from './text';
import type { BlockDefinition, PaletteItem } from './types';

type DefinitionOf<K extends NodeKind> = BlockDefinition<Extract<AnyNode, { kind: K }>>;

// Typed per kind, so each definition is checked against its own node type.
const DEFINITIONS: { [K in NodeKind]: DefinitionOf<K> } = {
  section: sectionBlock,
  column: columnBlock,
  entries: entriesBlock,
  raw: rawBlock,
  text: textBlock,
  image: imageBlock,
  button: buttonBlock,
  divider: dividerBlock,
  spacer: spacerBlock,
  social: socialBlock,
  'social-element': socialElementBlock,
};

/**
 * The definition for a node of `kind`. Its components take that kind's node: the shell passes each one
 * the node it asked for, which is why widening to `BlockDefinition<AnyNode>` is sound.
 */
export const definitionFor = (kind: NodeKind): BlockDefinition => DEFINITIONS[kind] as unknown as BlockDefinition;

/** The palette, in the order it shows; each label is a key under `visual.block.` with its English. */
export const PALETTE: PaletteItem[] = [
  { kind: 'section', labelKey: 'visual.block.section', defaultLabel: 'Section' },
  { kind: 'columns-2', labelKey: 'visual.block.columns2', defaultLabel: 'Two columns' },
  { kind: 'columns-3', labelKey: 'visual.block.columns3', defaultLabel: 'Three columns' },
  { kind: 'text', labelKey: 'visual.block.text', defaultLabel: 'Text' },
  { kind: 'image', labelKey: 'visual.block.image', defaultLabel: 'Image' },
  { kind: 'button', labelKey: 'visual.block.button', defaultLabel: 'Button' },
  { kind: 'divider', labelKey: 'visual.block.divider', defaultLabel: 'Divider' },
  { kind: 'spacer', labelKey: 'visual.block.spacer', defaultLabel: 'Spacer' },
  { kind: 'social', labelKey: 'visual.block.social', defaultLabel: 'Social links' },
  { kind: 'entries', labelKey: 'visual.block.entries', defaultLabel: 'Strapi entries' },
];
