/**
 * A block hands back its edited copy; the model changes only what differs, so an untouched open tag
 * or content keeps its exact bytes (docs/architecture.md, "Visual editor").
 */
import { findNode, insertNode, removeNode, updateNode, type AnyNode, type VisualDocument } from '../document';

const sameAttributes = (a: AnyNode, b: AnyNode) =>
  !('attributes' in a) || !('attributes' in b) || JSON.stringify(a.attributes) === JSON.stringify(b.attributes);

/** The children of a social block: its elements may be edited, added or removed in its panel. */
function applyChildren(document: VisualDocument, before: AnyNode, after: AnyNode): VisualDocument {
  if (before.kind !== 'social' || after.kind !== 'social') return document;
  const kept = new Set(after.children.map((child) => child.id));
  let next = document;
  for (const child of before.children) if (!kept.has(child.id)) next = removeNode(next, child.id);
  after.children.forEach((child, index) => {
    const old = before.children.find((candidate) => candidate.id === child.id);
    next = old ? applyEdit(next, old, child) : insertNode(next, { parent: after.id, index }, child);
  });
  return next;
}

export function applyEdit(document: VisualDocument, stale: AnyNode, after: AnyNode): VisualDocument {
  // What the document holds now: several edits may land before the block sees the last one.
  const before = findNode(document, after.id) ?? stale;
  let next = document;
  if (!sameAttributes(before, after) && 'attributes' in after) {
    next = updateNode(next, after.id, { attributes: after.attributes });
  }
  if ('content' in before && 'content' in after && before.content !== after.content) {
    next = updateNode(next, after.id, { content: after.content });
  }
  if (before.kind === 'entries' && after.kind === 'entries' && before.source !== after.source) {
    next = updateNode(next, after.id, { source: after.source });
  }
  return applyChildren(next, before, after);
}
