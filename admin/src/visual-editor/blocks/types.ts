/**
 * What each kind of node brings to the editor (docs/architecture.md, "Visual editor"): how it looks on
 * the canvas and the panel that edits it. The shell (components/) lays the canvas out and handles
 * selection and drag and drop; a definition only draws and edits its own node.
 */
import type { ComponentType, ReactNode } from 'react';
import type { CampaignEntry } from '../../../../server/src/contracts';
import type { AnyNode, BlockKind, NodeKind } from '../document/types';
import type { HeadAttributes } from './headAttributes';

/** What a block may need from the page around the editor. */
export interface EditorContext {
  readOnly: boolean;
  /** The campaign's chosen entries in the language being edited (the entries block shows them). */
  entries: CampaignEntry[];
  /** Adds an entry to the campaign; `snippet` is MJML that loops over entries with that type's fields. */
  onPickEntry: (entry: CampaignEntry, snippet: string) => void;
  onRemoveEntry: (index: number) => void;
  /** The language being edited: the content picker offers entries in it. */
  locale: string | null;
  /** The head's `<mj-attributes>` (readHeadAttributes(document.head)): the canvas draws with them. */
  headAttributes?: HeadAttributes;
}

export interface BlockProps<N extends AnyNode = AnyNode> {
  node: N;
  /** Replaces the node (same id) with its edited copy. */
  onChange: (next: N) => void;
  context: EditorContext;
  /** For a section or a column: its children as the shell draws them (selectable, droppable). */
  children?: ReactNode;
}

export interface BlockDefinition<N extends AnyNode = AnyNode> {
  kind: NodeKind;
  /** How the node looks on the canvas: close to the sent mail, never the compile (the preview pane is that). */
  Canvas: ComponentType<BlockProps<N>>;
  /** The side panel for the selected node; null when there is nothing to edit. */
  Inspector: ComponentType<BlockProps<N>> | null;
}

/** A palette entry: what it creates and how it is named (a translation key under `visual.block.`). */
export interface PaletteItem {
  kind: BlockKind;
  labelKey: string;
  defaultLabel: string;
}
