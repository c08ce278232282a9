/**
 * The visual editor's model of an MJML template (docs/architecture.md, "Visual editor").
 *
 * It keeps the source: every node holds the exact text it came from, so `serializeMjml(parseMjml(x))`
 * is `x` byte for byte, and an edit rewrites only the node it touches. What the editor does not model
 * (Liquid tags between elements, comments, `mj-hero`, `mj-wrapper`, `mj-raw`, `mj-navbar`, ...) is a
 * `RawNode`: shown as "kept as written", movable as a whole, never rewritten.
 */

/** An attribute as written in the source: the value is not entity-decoded, so it is written back as it was. */
export interface Attribute {
  name: string;
  value: string;
}

/** Why a run of source is raw; the editor names the reason in its notice. */
export type RawReason =
  /** Liquid tags or output (`{% for %}…{% endfor %}`, `{% if %}`, `{{ x }}`) between elements. */
  | 'liquid'
  /** An HTML comment. */
  | 'comment'
  /** An element the editor does not model, with everything inside it. */
  | 'element'
  /** Text that is not whitespace, outside any element the editor models. */
  | 'text';

interface NodeBase {
  /** Unique within a document; new for every parse. */
  id: string;
  /** The whitespace before the node, exactly as written (moves with it). */
  leading: string;
}

/** A run of source the editor does not model, kept byte for byte. */
export interface RawNode extends NodeBase {
  kind: 'raw';
  source: string;
  reason: RawReason;
  /** For 'element': the tag name (`mj-hero`); for 'liquid': the first tag's name (`for`, `if`, `assign`). */
  name: string | null;
}

/** An element: its open tag kept as written until its attributes change. */
export interface ElementParts extends NodeBase {
  tag: string;
  /** Parsed from the open tag, in source order. */
  attributes: Attribute[];
  /** The open tag exactly as written (`<mj-image src="…" />` whole for a self-closing one); null once
   * `attributes` were edited, and then written from `attributes`. */
  openTag: string | null;
  /** The close tag as written: `''` for a self-closing element, `</mj-text>` for new ones. */
  closeTag: string;
}

/** `mj-text`: its content is HTML (rich text), kept exactly as written until edited. */
export interface TextBlock extends ElementParts {
  kind: 'text';
  content: string;
}

/** `mj-button`: its content is the label (HTML). */
export interface ButtonBlock extends ElementParts {
  kind: 'button';
  content: string;
}

/** `mj-image`, `mj-divider`, `mj-spacer`: attributes only, self-closing when new. */
export interface ImageBlock extends ElementParts {
  kind: 'image';
}
export interface DividerBlock extends ElementParts {
  kind: 'divider';
}
export interface SpacerBlock extends ElementParts {
  kind: 'spacer';
}

/** `mj-social-element`: a network's icon and its link; content is the optional label. */
export interface SocialElement extends ElementParts {
  kind: 'social-element';
  content: string;
}

/** `mj-social`: its elements, and whatever else was inside kept raw. */
export interface SocialBlock extends ElementParts {
  kind: 'social';
  children: Array<SocialElement | RawNode>;
  /** The whitespace before the close tag. */
  trailing: string;
}

export type ContentBlock = TextBlock | ButtonBlock | ImageBlock | DividerBlock | SpacerBlock | SocialBlock;

export interface ColumnNode extends ElementParts {
  kind: 'column';
  children: Array<ContentBlock | RawNode>;
  trailing: string;
}

export interface SectionNode extends ElementParts {
  kind: 'section';
  children: Array<ColumnNode | RawNode>;
  trailing: string;
}

/**
 * The "Strapi entries" block: a loop over the campaign's chosen entries between sections,
 * `{% for <name> in entries %}…{% endfor %}` (its `{% else %}` included), kept exactly as written.
 * The entries themselves are the campaign's `entries`, chosen in the block's panel.
 */
export interface EntriesNode extends NodeBase {
  kind: 'entries';
  source: string;
}

export type BodyNode = SectionNode | EntriesNode | RawNode;

export type ContainerNode = SectionNode | ColumnNode | SocialBlock;

export type AnyNode = BodyNode | ColumnNode | ContentBlock | SocialElement;

export type NodeKind = AnyNode['kind'];

export interface VisualDocument {
  /** Everything before the body's first child, exactly: the XML prolog if any, `<mjml>`, the head, `<mj-body …>`. */
  head: string;
  body: BodyNode[];
  /** The whitespace before `</mj-body>`. */
  trailing: string;
  /** `</mj-body>` to the end of the source, exactly. */
  tail: string;
}

/** The visual editor opens a template, or says in a sentence why it cannot (the code view always can). */
export type ParseResult = { ok: true; document: VisualDocument } | { ok: false; reason: string };

/** Where a node goes: `'body'` or a container's id, and the index among that container's children. */
export interface Place {
  parent: string;
  index: number;
}

/** What the palette creates. */
export type BlockKind =
  | 'section'
  | 'columns-2'
  | 'columns-3'
  | 'entries'
  | 'text'
  | 'image'
  | 'button'
  | 'divider'
  | 'spacer'
  | 'social';

/** The words a new block starts with, in the admin's language. */
export interface BlockTexts {
  text: string;
  button: string;
  /** The placeholder title of an entries block before entries are chosen. */
  entryTitle: string;
}
