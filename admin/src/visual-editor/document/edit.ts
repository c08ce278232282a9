/**
 * The edits (pure: each returns a new document and leaves its input alone). An edit touches only its
 * node: new attributes rewrite that one open tag, new content that one content, a move carries the
 * node's bytes with it. A node goes only where MJML allows it; an edit that breaks that rule, or names
 * a node or place that does not exist, returns the document unchanged.
 */
import { containerIndent, eolOf, indentUnit, lineIndent, reindent, siblingIndent } from './indent';
import { blockEnd, isEntriesLoop, liquidAt } from './liquid';
import { tokenize } from './tokens';
import { BODY, containerOf, findNode, mapChildren, mapNode, parentOf } from './tree';
import type { AnyNode, Attribute, ContainerNode, NodeKind, Place, VisualDocument } from './types';

/** What `updateNode` changes: an element's attributes, a text's, button's or social element's content,
 * or an entries block's source. */
export type NodePatch = { attributes: Attribute[] } | { content: string } | { source: string };

type ParentKind = 'body' | ContainerNode['kind'];

/** Where each kind of node may stand (MJML's rules for the elements the editor models). */
const ALLOWED: Record<Exclude<NodeKind, 'raw'>, ParentKind> = {
  section: 'body',
  entries: 'body',
  column: 'section',
  text: 'column',
  button: 'column',
  image: 'column',
  divider: 'column',
  spacer: 'column',
  social: 'column',
  'social-element': 'social',
};

export function updateNode(document: VisualDocument, id: string, patch: NodePatch): VisualDocument {
  return mapNode(document, id, (node) => {
    if ('attributes' in patch && 'tag' in node) {
      return sameAttributes(node.attributes, patch.attributes)
        ? node
        : { ...node, attributes: patch.attributes, openTag: null };
    }
    if ('content' in patch && (node.kind === 'text' || node.kind === 'button' || node.kind === 'social-element')) {
      if (node.content === patch.content || !holdsContent(node.tag, patch.content)) return node;
      // A self-closing `<mj-text />` needs a close tag to hold content.
      if (node.closeTag === '') return { ...node, ...opened(node), content: patch.content };
      return { ...node, content: patch.content };
    }
    if ('source' in patch && node.kind === 'entries' && node.source !== patch.source && isOneLoop(patch.source)) {
      return { ...node, source: patch.source };
    }
    return node;
  });
}

/**
 * Takes what a side panel changed on its copy of a node (`BlockProps.onChange`): its attributes, its
 * content, an entries block's source, each as `updateNode` does. Nothing else is taken from the copy
 * (children change through insertNode, moveNode and removeNode); a copy of another kind changes nothing.
 */
export function replaceNode(document: VisualDocument, next: AnyNode): VisualDocument {
  const current = findNode(document, next.id);
  if (!current || current.kind !== next.kind) return document;
  let result = document;
  if ('attributes' in next) result = updateNode(result, next.id, { attributes: next.attributes });
  if ('content' in next) result = updateNode(result, next.id, { content: next.content });
  if (next.kind === 'entries') result = updateNode(result, next.id, { source: next.source });
  return result;
}

/** Puts a new node (from `createBlock`) at `place`, with its new siblings' indentation. */
export function insertNode(document: VisualDocument, place: Place, node: AnyNode): VisualDocument {
  const target = parentKind(document, place.parent);
  if (!target || findNode(document, node.id)) return document;
  // A raw run from elsewhere cannot say where it came from: only the body takes it whatever it holds.
  const allowed = node.kind === 'raw' ? target === 'body' : ALLOWED[node.kind] === target;
  const siblings = childrenAt(document, place.parent);
  if (!allowed || !inRange(place.index, siblings.length)) return document;
  const indent = siblingIndent(document, place.parent, siblings);
  const eol = eolOf(document);
  const unit = indentUnit(document, place.parent, indent);
  let placed = reindent(node, lineIndent(node.leading) ?? '', indent, eol, unit);
  if (lineIndent(placed.leading) === null) placed = { ...placed, leading: eol + indent } as AnyNode;
  return putAt(document, place, placed);
}

/** Moves a node to `place`; `place.index` is its index among the new parent's children once it has moved. */
export function moveNode(document: VisualDocument, id: string, place: Place): VisualDocument {
  const node = findNode(document, id);
  const from = parentOf(document, id);
  const target = parentKind(document, place.parent);
  if (!node || !from || !target) return document;
  if (from.parent === place.parent && from.index === place.index) return document;
  // A raw run stays with its own kind of parent: what it holds was written for that place.
  const allowed = node.kind === 'raw' ? parentKind(document, from.parent) === target : ALLOWED[node.kind] === target;
  if (!allowed) return document;
  const without = removeNode(document, id);
  if (!inRange(place.index, childrenAt(without, place.parent).length)) return document;
  return putAt(without, place, node);
}

export function removeNode(document: VisualDocument, id: string): VisualDocument {
  const place = parentOf(document, id);
  if (!place) return document;
  return mapChildren(document, place.parent, (children) => children.filter((child) => child.id !== id));
}

function putAt(document: VisualDocument, place: Place, node: AnyNode): VisualDocument {
  const eol = eolOf(document);
  const closeIndent = eol + containerIndent(document, place.parent);
  const withChild = mapChildren(document, place.parent, (children) => [
    ...children.slice(0, place.index),
    node,
    ...children.slice(place.index),
  ]);
  if (place.parent === BODY) {
    return lineIndent(withChild.trailing) === null ? { ...withChild, trailing: closeIndent } : withChild;
  }
  // An empty container written inline, or self-closing, gets its close tag on a line of its own.
  return mapNode(withChild, place.parent, (container) => {
    if (container.kind !== 'section' && container.kind !== 'column' && container.kind !== 'social') return container;
    const trailing = lineIndent(container.trailing) === null ? closeIndent : container.trailing;
    const open = container.closeTag === '' ? opened(container) : {};
    return { ...container, ...open, trailing } as AnyNode;
  });
}

/** The open and close tags of a self-closing element given room for content. */
function opened(node: { tag: string; openTag: string | null }): { openTag: string | null; closeTag: string } {
  return { openTag: node.openTag === null ? null : node.openTag.replace(/\s*\/>$/, '>'), closeTag: `</${node.tag}>` };
}

function parentKind(document: VisualDocument, parent: string): ParentKind | null {
  if (parent === BODY) return 'body';
  return containerOf(document, parent)?.kind ?? null;
}

function childrenAt(document: VisualDocument, parent: string): AnyNode[] {
  return parent === BODY ? document.body : (containerOf(document, parent)?.children ?? []);
}

function inRange(index: number, length: number): boolean {
  return Number.isInteger(index) && index >= 0 && index <= length;
}

function sameAttributes(a: Attribute[], b: Attribute[]): boolean {
  return (
    a.length === b.length && a.every((attribute, i) => attribute.name === b[i].name && attribute.value === b[i].value)
  );
}

/** An entries block's source must stay one `{% for … in entries %}…{% endfor %}`, or it would parse apart. */
function isOneLoop(source: string): boolean {
  const open = liquidAt(source, 0);
  const loop = open !== null && isEntriesLoop(source, open) && blockEnd(source, open) === source.length;
  return loop && tokenize(source).ok;
}

/** Content that would end its element early (`</mj-text>`) or swallow what follows (a nested `<mj-text>`). */
function holdsContent(tag: string, content: string): boolean {
  const read = tokenize(`<${tag}>${content}</${tag}>`);
  return read.ok && read.tokens.length === 1;
}
