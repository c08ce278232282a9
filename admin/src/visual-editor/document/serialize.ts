/**
 * The document back to MJML: each node's bytes as they were read, so an unedited document gives its
 * source back exactly. Only an element whose attributes were edited (`openTag` null) is written anew.
 */
import type { AnyNode, Attribute, ElementParts, VisualDocument } from './types';

export function serializeMjml(document: VisualDocument): string {
  return document.head + document.body.map(serializeNode).join('') + document.trailing + document.tail;
}

export function serializeNode(node: AnyNode): string {
  return node.leading + nodeSource(node);
}

function nodeSource(node: AnyNode): string {
  switch (node.kind) {
    case 'raw':
    case 'entries':
      return node.source;
    case 'section':
    case 'column':
    case 'social':
      return element(node, node.children.map(serializeNode).join('') + node.trailing);
    case 'text':
    case 'button':
    case 'social-element':
      return element(node, node.content);
    case 'image':
    case 'divider':
    case 'spacer':
      return element(node, '');
  }
}

/** An element with its inside; without a close tag it is self-closing and has none. */
function element(node: ElementParts, inside: string): string {
  if (node.openTag !== null) return node.openTag + (node.closeTag === '' ? '' : inside + node.closeTag);
  if (node.closeTag === '') return `<${node.tag}${attributesSource(node.attributes)} />`;
  return `<${node.tag}${attributesSource(node.attributes)}>${inside}${node.closeTag}`;
}

/** ` name="value"` each; a value holding `"` is quoted with `'`, one holding both gets `&quot;`. */
export function attributesSource(attributes: Attribute[]): string {
  return attributes
    .map(({ name, value }) => {
      if (!value.includes('"')) return ` ${name}="${value}"`;
      if (!value.includes("'")) return ` ${name}='${value}'`;
      return ` ${name}="${value.replace(/"/g, '&quot;')}"`;
    })
    .join('');
}
