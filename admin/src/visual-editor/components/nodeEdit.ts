/**
 * A block hands back its edited copy; the model takes its attributes, content or source
 * (`replaceNode`), and a social block's links added, removed or edited in its panel become the model's
 * inserts, removals and edits of those children. What did not change keeps its exact bytes.
 */
import { insertNode, removeNode, replaceNode, type AnyNode, type VisualDocument } from '../document';

export function applyEdit(document: VisualDocument, before: AnyNode, after: AnyNode): VisualDocument {
  const next = replaceNode(document, after);
  if (before.kind !== 'social' || after.kind !== 'social') return next;
  const kept = new Set(after.children.map((child) => child.id));
  let result = before.children.reduce(
    (current, child) => (kept.has(child.id) ? current : removeNode(current, child.id)),
    next,
  );
  after.children.forEach((child, index) => {
    const old = before.children.find((candidate) => candidate.id === child.id);
    result = old ? replaceNode(result, child) : insertNode(result, { parent: after.id, index }, child);
  });
  return result;
}
